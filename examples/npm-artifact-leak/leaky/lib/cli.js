#!/usr/bin/env node
'use strict';
// src/cli.ts
function main() {
  console.log(`Sources: ${'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/src.zip'}`);
}
main();
//# sourceMappingURL=cli.js.map
