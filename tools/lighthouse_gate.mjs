// Lighthouse over many pages in one Node process and one Chromium: starting either per page
// would cost more than the audits. Prints one JSON object: {results: [{url, preset, width,
// scores, failing, seconds, runtimeError, requested}]}. Scores are 0..1; "failing" lists the
// audits that cost points, for the test's message; "requested" every URL the page asked for.
//
//   node tools/lighthouse_gate.mjs [--presets=mobile] URL... (CHROME_PATH names Debian's
//   Chromium; --presets names the presets for the URLs after it, both by default; LH_TIMING=1
//   prints where each run spent its time, on stderr, LH_TIMING_MS=100 from how long)
import lighthouse from "lighthouse";
import defaultConfig from "lighthouse/core/config/default-config.js";
import * as constants from "lighthouse/core/config/constants.js";
import * as chromeLauncher from "chrome-launcher";

const CATEGORIES = ["accessibility", "best-practices", "seo"];
const pages = [];
let presetNames = ["mobile", "desktop"];
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith("--presets=")) presetNames = arg.slice("--presets=".length).split(",");
  else pages.push({ url: arg, presetNames });
}
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    // Network-free: no host resolves but the one under test, and Chromium calls nowhere itself.
    `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${new URL(pages[0].url).hostname}`,
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--no-first-run", "--disable-quic",
  ],
});
// Only the three categories' audits, exactly as the default config weighs them: resolving the
// other audits cost a few tenths of a second on every run. No performance category, so no
// quiet window after the load event either: the pages' own script is deferred (it has run by
// then) and fetches nothing, so the page audited is the page loaded. The default throttling
// stays "simulate", which slows nothing down.
const categories = Object.fromEntries(CATEGORIES.map((id) => [id, defaultConfig.categories[id]]));
const needed = new Set(CATEGORIES.flatMap((id) => categories[id].auditRefs.map((ref) => ref.id)));
const audits = defaultConfig.audits.filter((audit) => needed.has((audit.path ?? audit).split("/").pop()));
const quick = {
  onlyCategories: CATEGORIES, disableFullPageScreenshot: true,
  skipAboutBlank: true, pauseAfterFcpMs: 0, pauseAfterLoadMs: 0,
  networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0,
};
const config = (settings) => ({
  artifacts: defaultConfig.artifacts, audits, categories, groups: defaultConfig.groups,
  settings: { ...quick, ...settings },
});
// The widths the accessibility gate checks too: a 360 px phone and a 1280 px desktop.
const presets = {
  mobile: config({
    formFactor: "mobile",
    screenEmulation: { ...constants.screenEmulationMetrics.mobile, width: 360, height: 740 },
  }),
  desktop: config({
    formFactor: "desktop", throttling: constants.throttling.desktopDense4G,
    emulatedUserAgent: constants.userAgents.desktop,
    screenEmulation: { ...constants.screenEmulationMetrics.desktop, width: 1280, height: 900 },
  }),
};
const flags = { port: chrome.port, output: "json", logLevel: "error" };
const results = [];
try {
  for (const { url, presetNames } of pages) {
    for (const preset of presetNames) {
      const started = Date.now();
      const runner = await lighthouse(url, flags, presets[preset]);
      const lhr = runner.lhr;
      const scores = {};
      const failing = [];
      for (const id of CATEGORIES) {
        const category = lhr.categories[id];
        scores[id] = category.score;
        for (const ref of category.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            failing.push(`${id}/${ref.id}: ${audit.title}`);
          }
        }
      }
      if (process.env.LH_TIMING) {
        const from = Number(process.env.LH_TIMING_MS) || 400;
        const slow = lhr.timing.entries.filter((entry) => entry.duration > from);
        console.error(slow.map((entry) => `${url} ${preset} ${entry.name} ${Math.round(entry.duration)} ms`).join("\n"));
      }
      results.push({
        url, preset, width: lhr.configSettings.screenEmulation.width, scores, failing,
        seconds: (Date.now() - started) / 1000,
        runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
        requested: (runner.artifacts.DevtoolsLog ?? [])
          .filter((entry) => entry.method === "Network.requestWillBeSent")
          .map((entry) => entry.params.request.url),
      });
    }
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify({ results }));
