// Lighthouse over many pages in one Node process and one Chromium: starting either per page
// would cost more than the audits. Prints one JSON object: {results: [{url, preset, width, lang,
// scores, failing, seconds, runtimeError, requested}]}. Scores are 0..1; "failing" lists the
// audits that cost points, for the test's message; "lang" is the page's <html lang>;
// "requested" every URL the page asked for.
//
//   node tools/lighthouse_gate.mjs [--presets=mobile] [--cookie=NAME=VALUE] URL...
//   (CHROME_PATH names Debian's Chromium; --presets names the presets for the URLs after it,
//   both by default; --cookie the one cookie the browser has for the URLs after it, none by
//   default, --cookie= for none again; LH_TIMING=1 prints where each run spent its time, on
//   stderr, LH_TIMING_MS=100 from how long)
//
// Besides Lighthouse it imports three of Lighthouse's own dependencies (chrome-launcher,
// puppeteer-core, intl-messageformat), at the versions tools/package-lock.json pins.
import lighthouse from "lighthouse";
import defaultConfig from "lighthouse/core/config/default-config.js";
import * as constants from "lighthouse/core/config/constants.js";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";
import AnchorElements from "lighthouse/core/gather/gatherers/anchor-elements.js";
import * as chromeLauncher from "chrome-launcher";
import { IntlMessageFormat } from "intl-messageformat";
import puppeteer from "puppeteer-core";

const CATEGORIES = ["accessibility", "best-practices", "seo"];
const pages = [];
let presetNames = ["mobile", "desktop"];
let cookie = "";
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith("--presets=")) presetNames = arg.slice("--presets=".length).split(",");
  else if (arg.startsWith("--cookie=")) cookie = arg.slice("--cookie=".length);
  else pages.push({ url: arg, presetNames, cookie });
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
// Lighthouse formats a message for every protocol call (the timeout error it may throw) and for
// every audit's title, each time matching the locale against Node's whole list of locales: a
// seventh of its CPU. The match depends on the locale alone, so it is made once.
const resolveLocale = IntlMessageFormat.resolveLocale;
const resolvedLocales = new Map();
IntlMessageFormat.resolveLocale = (locales) => {
  const key = String(locales);
  if (!resolvedLocales.has(key)) resolvedLocales.set(key, resolveLocale(locales));
  return resolvedLocales.get(key);
};
// Before every run Lighthouse times two half-second loops in the page to rate the machine's CPU
// (BenchmarkIndex); only the performance category's simulation and a CLI-only warning read the
// figure, so here the page is not made to run them: a second of busy CPU a run, on a machine that
// runs the live server and another Lighthouse beside it.
pageFunctions.computeBenchmarkIndex = function computeBenchmarkIndex() {
  return -1;
};
// The links' gatherer (SEO's crawlable anchors) asks the browser for the event listeners of each
// link and of each of its ancestors, one element at a time: on /procurement/ 1,350 protocol calls
// for 138 elements. Here each element is asked once a run (410 calls); the artifact is the same.
const ASKED_ONCE = new Set(["DOM.pushNodeByPathToFrontend", "DOM.resolveNode", "DOMDebugger.getEventListeners"]);
class AnchorElementsAskedOnce extends AnchorElements {
  async getArtifact(context) {
    const session = context.driver.defaultSession;
    const asked = new Map();
    const sendCommand = (method, params) => {
      if (!ASKED_ONCE.has(method)) return session.sendCommand(method, params);
      const key = `${method} ${JSON.stringify(params)}`;
      if (!asked.has(key)) asked.set(key, session.sendCommand(method, params));
      return asked.get(key);
    };
    const defaultSession = Object.create(session, { sendCommand: { value: sendCommand } });
    const driver = Object.create(context.driver, { defaultSession: { value: defaultSession } });
    return super.getArtifact({ ...context, driver });
  }
}
// Only the audits that weigh in the three categories' scores, weighted as in the default config
// (the unweighted ones, manual checks and diagnostics, change no score and cost time on every
// run). No performance category, so no quiet window after the load event either: the pages' own
// script is deferred (it has run by then) and fetches nothing, so the page audited is the page
// loaded. Throttling stays "simulate", which slows nothing down (the simulation is the
// performance category's); the other methods would wait seconds for quiet after the load.
const categories = Object.fromEntries(CATEGORIES.map((id) => [id, {
  ...defaultConfig.categories[id],
  auditRefs: defaultConfig.categories[id].auditRefs.filter((ref) => ref.weight > 0),
}]));
const needed = new Set(CATEGORIES.flatMap((id) => categories[id].auditRefs.map((ref) => ref.id)));
const audits = defaultConfig.audits.filter((audit) => needed.has((audit.path ?? audit).split("/").pop()));
const quick = {
  onlyCategories: CATEGORIES, disableFullPageScreenshot: true,
  skipAboutBlank: true, pauseAfterFcpMs: 0, pauseAfterLoadMs: 0,
  networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0,
};
const artifacts = defaultConfig.artifacts.map((artifact) => (artifact.id === "AnchorElements"
  ? { id: artifact.id, gatherer: { implementation: AnchorElementsAskedOnce } } : artifact));
const config = (settings) => ({
  artifacts, audits, categories, groups: defaultConfig.groups,
  settings: { ...quick, ...settings },
});
// The widths the accessibility gate checks too: a 360 px phone and a 1280 px desktop.
const presets = {
  mobile: {
    formFactor: "mobile",
    screenEmulation: { ...constants.screenEmulationMetrics.mobile, width: 360, height: 740 },
  },
  desktop: {
    formFactor: "desktop", emulatedUserAgent: constants.userAgents.desktop,
    screenEmulation: { ...constants.screenEmulationMetrics.desktop, width: 1280, height: 900 },
  },
};
const flags = { port: chrome.port, output: "json", logLevel: "error" };
// This connection sets the cookies between runs and holds the one tab every run loads its page
// in: Lighthouse would otherwise connect anew, open a tab and close it for each run.
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
const tab = await browser.newPage();
const results = [];
try {
  for (const { url, presetNames, cookie } of pages) {
    for (const preset of presetNames) {
      const started = Date.now();
      // Every page as a first visit with only the cookie named (a form page sets the CSRF
      // cookie; Lighthouse's storage reset leaves cookies). In the browser, not as a header:
      // a redirect would drop the header.
      await browser.deleteCookie(...await browser.cookies());
      if (cookie) {
        const [name, value] = cookie.split(/=(.*)/);
        await browser.setCookie({ name, value, domain: new URL(url).hostname, path: "/" });
      }
      const runner = await lighthouse(url, flags, config(presets[preset]), tab);
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
      const html = runner.artifacts.MainDocumentContent ?? "";
      results.push({
        url, preset, width: lhr.configSettings.screenEmulation.width,
        lang: html.match(/<html[^>]*\slang="([^"]*)"/)?.[1] ?? null, scores, failing,
        seconds: (Date.now() - started) / 1000,
        runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
        requested: (runner.artifacts.DevtoolsLog ?? [])
          .filter((entry) => entry.method === "Network.requestWillBeSent")
          .map((entry) => entry.params.request.url),
      });
    }
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}
process.stdout.write(JSON.stringify({ results }));
