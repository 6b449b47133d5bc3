// Child process: loads one bundled cloud function exactly as CloudBase would and calls it once.
// argv: <bundle path> <event JSON> [context JSON]; prints the result as JSON on stdout.
const [bundle, event, context] = process.argv.slice(2);
const fn = require(bundle);
fn.main(JSON.parse(event), JSON.parse(context || '{}'))
  // Function logs go to stdout too (as on CloudBase), so the result gets a line of its own.
  .then((result) => process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`))
  .catch((error) => {
    process.stderr.write(String(error?.stack));
    process.exit(1);
  });
