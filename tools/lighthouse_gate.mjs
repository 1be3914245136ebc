// Lighthouse over many pages in one Node process and one Chromium: starting either per page
// would cost more than the audits. Prints one JSON object: {results: [{url, preset, scores,
// failing, seconds, runtimeError, requested}]}. Scores are 0..1; "failing" lists the audits that
// cost points, for the test's message; "requested" every URL the page asked for.
//
//   node tools/lighthouse_gate.mjs URL... (CHROME_PATH names Debian's Chromium;
//   LH_TIMING=1 prints where each run spent its time, on stderr)
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";

const CATEGORIES = ["accessibility", "best-practices", "seo"];
const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    // Network-free: no host resolves but the one under test, and Chromium calls nowhere itself.
    `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${new URL(urls[0]).hostname}`,
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--no-first-run", "--disable-quic",
  ],
});
// No performance category, so short quiet windows suffice (the pages' own script is small and
// deferred); the default throttling stays "simulate", which slows nothing down.
const quick = {
  onlyCategories: CATEGORIES, disableFullPageScreenshot: true,
  skipAboutBlank: true, pauseAfterFcpMs: 0, pauseAfterLoadMs: 0,
  networkQuietThresholdMs: 500, cpuQuietThresholdMs: 500,
};
const presets = {
  mobile: { extends: "lighthouse:default", settings: quick }, // a phone, 412 px wide
  desktop: { ...desktopConfig, settings: { ...desktopConfig.settings, ...quick } },
};
const flags = { port: chrome.port, output: "json", logLevel: "error" };
const results = [];
try {
  for (const url of urls) {
    for (const [preset, config] of Object.entries(presets)) {
      const started = Date.now();
      const runner = await lighthouse(url, flags, config);
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
        const slow = lhr.timing.entries.filter((entry) => entry.duration > 400);
        console.error(slow.map((entry) => `${url} ${preset} ${entry.name} ${Math.round(entry.duration)} ms`).join("\n"));
      }
      results.push({
        url, preset, scores, failing, seconds: (Date.now() - started) / 1000,
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
