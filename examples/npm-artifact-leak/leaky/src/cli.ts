// The CLI's source: what must never ship.
declare const ARCHIVE_URL: string;

export function main(): void {
  // Internal note: the release pipeline uploads the full source archive here.
  console.log(`Sources: ${ARCHIVE_URL}`);
}

main();
