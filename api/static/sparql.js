// #/sparql?query=…: a SPARQL console with examples, results as a table, downloads, and a
// URL that reruns the query for whoever opens it.
import { sparql, url } from "./api.js";
import { errorBox, h, plural, replace, route } from "./dom.js";

const PREFIXES = `PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
`;

export const EXAMPLES = [
  {
    id: "who-accused-whom",
    title: "Who accused whom",
    query: `${PREFIXES}
# Every accusation: accuser, accused, what, when. (DISTINCT: an actor is described again
# in every article that names it.)
SELECT DISTINCT ?accuser ?accused ?content ?date ?statement
WHERE {
  ?statement a cg:Accusation ;
             cg:speaker/rdfs:label ?accuser ;
             cg:target/rdfs:label ?accused .
  OPTIONAL { ?statement cg:content ?content }
  OPTIONAL { ?statement cg:date ?date }
}
ORDER BY DESC(?date) ?accuser
LIMIT 200`,
  },
  {
    id: "contested",
    title: "Contested accusations",
    query: `${PREFIXES}
# Accusations that someone denied: the denial refutes it, or the accused denied a charge
# of the accuser.
SELECT DISTINCT ?accuser ?accused ?accusation ?denier ?denial
WHERE {
  ?statement a cg:Accusation ; cg:speaker ?a ; cg:target ?b ; cg:content ?accusation .
  { ?d cg:refutes ?statement } UNION { ?d a cg:Denial ; cg:speaker ?b ; cg:target ?a }
  ?d cg:speaker/rdfs:label ?denier .
  OPTIONAL { ?d cg:content ?denial }
  ?a rdfs:label ?accuser . ?b rdfs:label ?accused .
}
ORDER BY ?accuser ?accused
LIMIT 200`,
  },
  {
    id: "no-evidence",
    title: "Accusations without evidence",
    query: `${PREFIXES}
# Accusations whose article says no evidence was given.
SELECT DISTINCT ?accuser ?accused ?content ?date ?title
WHERE {
  ?statement a cg:Accusation ;
             cg:evidenceStatus cg:NoEvidenceProvided ;
             cg:speaker/rdfs:label ?accuser ;
             cg:target/rdfs:label ?accused ;
             prov:wasDerivedFrom ?doc .
  OPTIONAL { ?statement cg:content ?content }
  OPTIONAL { ?statement cg:date ?date }
  OPTIONAL { ?doc dcterms:title ?title }
}
ORDER BY DESC(?date)
LIMIT 200`,
  },
  {
    id: "timeline",
    title: "An entity's timeline (Russia)",
    query: `${PREFIXES}
# Everything Russia said or was the target of, oldest first. Change the name to see another
# actor (its label; aliases are skos:altLabel).
SELECT DISTINCT ?date ?kind ?role ?speaker ?target ?content ?statement
WHERE {
  ?entity rdfs:label "Russia" .
  VALUES ?class { cg:Accusation cg:Denial cg:Claim }
  { ?statement cg:speaker ?entity BIND("said" AS ?role) }
  UNION
  { ?statement cg:target ?entity BIND("targeted" AS ?role) }
  ?statement a ?class ; cg:speaker/rdfs:label ?speaker .
  BIND(STRAFTER(STR(?class), "#") AS ?kind)
  OPTIONAL { ?statement cg:target/rdfs:label ?target }
  OPTIONAL { ?statement cg:content ?content }
  OPTIONAL { ?statement cg:date ?date }
}
ORDER BY ?date
LIMIT 500`,
  },
  {
    id: "most-accused",
    title: "Most accused actors",
    query: `${PREFIXES}
SELECT ?actor (COUNT(DISTINCT ?statement) AS ?accusations) (COUNT(DISTINCT ?accuser) AS ?accusers)
WHERE {
  ?statement a cg:Accusation ; cg:target ?a ; cg:speaker ?accuser .
  ?a rdfs:label ?actor .
}
GROUP BY ?actor
ORDER BY DESC(?accusations)
LIMIT 50`,
  },
];

const SHORT = [
  ["https://w3id.org/claimgraph/id/entity/", "entity", "entity:"],
  ["https://w3id.org/claimgraph/id/statement/", "statement", "statement:"],
  ["https://w3id.org/claimgraph/id/doc/", "doc", "doc:"],
  ["https://w3id.org/claimgraph/ontology#", null, "cg:"],
  ["http://www.w3.org/2001/XMLSchema#", null, "xsd:"],
  ["http://www.w3.org/1999/02/22-rdf-syntax-ns#", null, "rdf:"],
  ["http://www.w3.org/2000/01/rdf-schema#", null, "rdfs:"],
];
const MAX_ROWS_SHOWN = 2000;

function cell(term) {
  if (!term) return h("td", { class: "muted" }, "");
  if (term.type === "uri") {
    for (const [base, view, prefix] of SHORT) {
      if (term.value.startsWith(base)) {
        const rest = term.value.slice(base.length);
        const label = `${prefix}${rest}`;
        return h("td", { title: term.value },
          view && !rest.includes("/") ? h("a", { href: route(`${view}/${encodeURIComponent(rest)}`) }, label) : label);
      }
    }
    return h("td", { class: "iri" }, term.value);
  }
  if (term.type === "bnode") return h("td", { class: "muted" }, `_:${term.value}`);
  const dt = term.datatype ? term.datatype.replace("http://www.w3.org/2001/XMLSchema#", "xsd:") : term["xml:lang"] ? `@${term["xml:lang"]}` : "";
  return h("td", { title: dt || null, class: /integer|decimal|double|float/.test(dt) ? "num" : null }, term.value);
}

export function mountSparql(root, current) {
  const initial = current.params.get("query") || EXAMPLES[0].query;
  const editor = h("textarea", {
    id: "sparql-query",
    class: "editor",
    spellcheck: "false",
    autocapitalize: "off",
    autocomplete: "off",
    rows: "13",
    "aria-describedby": "sparql-help",
  });
  editor.value = initial;
  const examples = h("div", { class: "examples", role: "group", "aria-labelledby": "sparql-examples" },
    h("span", { id: "sparql-examples", class: "muted" }, "Examples:"),
    EXAMPLES.map((e) => h("button", { type: "button", dataset: { example: e.id }, onclick: () => {
      editor.value = e.query;
      run();
    } }, e.title)));
  const runButton = h("button", { type: "submit", class: "primary" }, "Run");
  const status = h("span", { class: "status", "aria-live": "polite" });
  const downloads = h("span", { class: "downloads" });
  const share = h("button", { type: "button", onclick: () => copyLink() }, "Copy link");
  const results = h("div", { class: "results", tabindex: "-1", "aria-label": "Query results" });
  const form = h("form", { class: "sparql", "aria-label": "Query editor" },
    examples,
    h("div", { class: "toolbar" }, runButton, share, downloads, status),
    h("label", { for: "sparql-query", class: "visually-hidden" }, "SPARQL query"),
    editor,
    h("p", { id: "sparql-help", class: "hint" }, "Ctrl+Enter runs the query. The default graph is every article; ",
      h("code", {}, "GRAPH ?doc { … }"), " reaches one article's graph. Results are capped by the server."));
  const page = h("div", { class: "page sparql-page" }, h("h1", {}, "SPARQL console"), form, results);
  root.append(page);

  let controller = null;

  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });

  function shareUrl() {
    return `${window.location.origin}${window.location.pathname}${route("sparql", { query: editor.value })}`;
  }

  async function copyLink() {
    const link = shareUrl();
    history.replaceState(null, "", route("sparql", { query: editor.value }));
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = "Link copied.";
    } catch {
      const box = h("input", { type: "text", readonly: true, value: link, class: "sharebox", "aria-label": "Link to this query" });
      replace(status, box);
      box.select();
    }
  }

  async function run() {
    const query = editor.value;
    if (!query.trim()) return;
    history.replaceState(null, "", route("sparql", { query }));
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = controller;
    runButton.disabled = true;
    status.textContent = "Running…";
    const t0 = performance.now();
    replace(downloads,
      h("a", { href: url("/sparql", { query, format: "csv" }).toString(), download: "claimgraph-results.csv" }, "CSV"), " ",
      h("a", { href: url("/sparql", { query, format: "json" }).toString(), download: "claimgraph-results.json" }, "JSON"));
    try {
      const out = await sparql(query, mine.signal);
      const ms = Math.round(performance.now() - t0);
      if (out.kind === "graph") {
        replace(results, h("pre", { class: "turtle" }, out.text));
        status.textContent = `Graph in ${ms} ms`;
        replace(downloads, h("a", { href: url("/sparql", { query, format: "turtle" }).toString(), download: "claimgraph-results.ttl" }, "Turtle"));
      } else if ("boolean" in out.data) {
        replace(results, h("p", { class: "boolean" }, `ASK: ${out.data.boolean ? "true" : "false"}`));
        status.textContent = `${ms} ms`;
      } else {
        const vars = out.data.head.vars;
        const rows = out.data.results.bindings;
        replace(results, table(vars, rows));
        status.textContent = `${plural(rows.length, "row")} in ${ms} ms${rows.length > MAX_ROWS_SHOWN ? ` (first ${MAX_ROWS_SHOWN} shown)` : ""}`;
      }
    } catch (err) {
      if (err.name === "AbortError") return;
      replace(results, errorBox(err, "The query failed"));
      status.textContent = "";
    } finally {
      if (controller === mine) runButton.disabled = false;
    }
  }

  run();

  return {
    update(next) {
      const q = next.params.get("query");
      if (q && q !== editor.value) {
        editor.value = q;
        run();
      }
    },
    unmount() {
      if (controller) controller.abort();
    },
  };
}

function table(vars, rows) {
  if (!rows.length) return h("p", { class: "muted" }, "No results.");
  return h("div", { class: "tablewrap" },
    h("table", { class: "table results-table" },
      h("thead", {}, h("tr", {}, vars.map((v) => h("th", { scope: "col" }, `?${v}`)))),
      h("tbody", {}, rows.slice(0, MAX_ROWS_SHOWN).map((r) => h("tr", {}, vars.map((v) => cell(r[v])))))));
}
