// The CLI's source: what must never ship.
export function main(): void {
  console.log('acme: ready');
}

main();
