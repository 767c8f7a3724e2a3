/** The command line. Exit codes: 0 done (gate passed), 1 gate failed, 2 bad input or internal error. */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { TOOL_VERSION } from '../report/version.js';
import { auditCommand } from './commands/audit.js';
import { reportCommand } from './commands/report.js';
import { explainCommand, rulesCommand } from './commands/rules.js';
import { UserError } from './user-error.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command('shipready')
    .description('Production-readiness audit for web backends, with evidence for every claim.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showSuggestionAfterError();
  let code = 0;
  program
    .command('audit')
    .description('audit a repository (reads code, never runs it)')
    .argument('[path]', 'repository folder', '.')
    .addOption(new Option('-f, --format <format>', 'terminal | md | json | sarif | html (repeatable)').default([]).argParser(collect))
    .option('-o, --output <file>', 'write the report to a file (- for stdout)')
    .option('--out-dir <dir>', 'write one file per format into this folder')
    .addOption(new Option('--only <id|area>', 'run only these checks or areas (repeatable, comma-separated)').default([]).argParser(collect))
    .addOption(new Option('--skip <id|area>', 'skip these checks or areas (repeatable, comma-separated)').default([]).argParser(collect))
    .option('--fail-under <n>', 'exit 1 when the overall score is below n')
    .option('--fail-on <severity>', 'exit 1 when a finding is at this severity or worse: critical | high | medium')
    .option('--no-color', 'plain terminal output (also: NO_COLOR=1)')
    .option('--timing', 'print where the time went (phases, slowest facts and checks) to stderr')
    .option('--debug', 'print stack traces of internal errors')
    .action(async (path: string, opts) => {
      code = await auditCommand(path, { ...opts, color: opts.color !== false && pc.isColorSupported });
    });
  program
    .command('report')
    .description('re-render a saved JSON run (from `audit --format json`) in other formats')
    .argument('<run.json>', 'a run saved by `shipready audit --format json`')
    .addOption(new Option('-f, --format <format>', 'terminal | md | json | sarif | html (repeatable)').default([]).argParser(collect))
    .option('-o, --output <file>', 'write the report to a file (- for stdout)')
    .option('--out-dir <dir>', 'write one file per format into this folder')
    .option('--no-color', 'plain terminal output (also: NO_COLOR=1)')
    .option('--debug', 'print stack traces of internal errors')
    .action((file: string, opts) => {
      code = reportCommand(file, { ...opts, color: opts.color !== false && pc.isColorSupported });
    });
  program
    .command('rules')
    .description('list the checks')
    .option('--json', 'machine-readable list')
    .action((opts: { json?: boolean }) => {
      process.stdout.write(rulesCommand(!!opts.json));
    });
  program
    .command('explain')
    .description("print one check's page: why it matters, how to fix it")
    .argument('<id>', 'check id (see `shipready rules`)')
    .action((id: string) => {
      process.stdout.write(explainCommand(id));
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`shipready: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`shipready: internal error: ${e instanceof Error ? e.message : String(e)}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}
