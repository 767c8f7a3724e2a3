import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'debug-enabled',
    area: 'security',
    severity: 'high',
    title: 'Debug mode is off by default',
    failureTitle: 'Debug mode is on by default',
    why: 'Debug mode answers errors with full tracebacks, local variables, settings and SQL, and some debuggers (Werkzeug\'s) let anyone who triggers an error run Python code on the server. When the default is "on", a deploy that forgets one environment variable ships the debugger to the internet.',
    fix: {
      default: 'Make debug default to off and turn it on only in local development through the environment (`DEBUG=true` in your untracked `.env`).',
      fastapi: 'Drop `debug=True` (or default the setting to False: `debug: bool = False` in your `BaseSettings`), and set `DEBUG=true` only in local `.env`.',
      flask: 'Remove `debug=True` from `app.run` (or keep it under `if __name__ == "__main__":` for local runs only) and use `FLASK_DEBUG=1` locally; production runs gunicorn, which never sets it.',
      django: 'Use `DEBUG = env.bool("DJANGO_DEBUG", default=False)` in the production settings and keep `DEBUG = True` in `settings/dev.py` only.',
      express: "Only mount `errorhandler()` when `process.env.NODE_ENV === 'development'`, never set `app.set('env', 'development')` in code, and run with `NODE_ENV=production`.",
    },
    examples: {
      bad: 'class Settings(BaseSettings):\n    debug: bool = True',
      good: 'class Settings(BaseSettings):\n    debug: bool = False',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['debugSettings', 'appEntries'],
    confidence: 'high',
  },
  check({ debugSettings, appEntries }) {
    const on = debugSettings.filter((d) => d.enabled !== false);
    if (on.length > 0) {
      return fail(
        on.map((d) => ({
          message: `Debug is on by default: ${d.mechanism}`,
          evidence: [d.evidence],
        })),
      );
    }
    const off = debugSettings.filter((d) => d.enabled === false);
    if (off.length === 0 && appEntries.length === 0) return notApplicable('no web application found');
    return pass(
      off.length > 0 ? `${plural(off.length, 'debug switch', 'debug switches')} off by default` : 'No debug mode switched on in code or settings defaults',
      off.map((d) => d.evidence),
    );
  },
});
