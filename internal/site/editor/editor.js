// Starts the web editor for buyers: loads Decap CMS (beside this file),
// gives it the reader and writer of briefs (format.js, which changes only
// the lines of a brief the form changed) and then starts it. The editor
// reads the site's timezone from the page, where the build wrote it.
import { parse } from "./toml/index.js";
import { briefFormat } from "./format.js";

window.CMS_MANUAL_INIT = true;
await new Promise((ok, fail) => {
  const script = document.createElement("script");
  script.src = "decap-cms.js";
  script.onload = ok;
  script.onerror = () => fail(new Error("admin/decap-cms.js did not load: copy the editor into the site (scripts/editor.sh)"));
  document.head.append(script);
});

const config = await (await fetch("config.yml")).json();

// dates are the paths of the date fields, such as "events.start".
const dates = [];
const walk = (fields, prefix) => {
  for (const f of fields ?? []) {
    if (f.widget === "datetime") {
      dates.push(prefix + f.name);
    }
    walk(f.fields, prefix + f.name + ".");
  }
};
for (const c of config.collections) {
  walk(c.fields, "");
}

window.CMS.registerCustomFormat("tenders-brief", "md", briefFormat({ parse, zone: document.documentElement.dataset.zone || "UTC", dates }));
window.CMS.init({ config: { ...config, load_config_file: false } });
