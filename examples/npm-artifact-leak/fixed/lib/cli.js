#!/usr/bin/env node
'use strict';
// src/cli.ts
function main() {
  console.log('acme: ready');
}
main();
