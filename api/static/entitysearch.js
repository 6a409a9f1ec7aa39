// An accessible combobox that finds actors the way the API does (/entities?q=: label or
// alias contains the text, any case, exact matches first).
import { getJSON } from "./api.js";
import { debounce, h, replace } from "./dom.js";

let serial = 0;

export function entitySearch({ label = "Actor", placeholder = "name or alias, e.g. Washington", value = "", onPick }) {
  serial += 1;
  const id = `es-${serial}`;
  const input = h("input", {
    id,
    type: "search",
    value,
    placeholder,
    autocomplete: "off",
    spellcheck: "false",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": `${id}-list`,
  });
  const list = h("ul", { id: `${id}-list`, role: "listbox", class: "options", hidden: true, "aria-label": `${label} suggestions` });
  const status = h("span", { class: "visually-hidden", "aria-live": "polite" });
  let items = [];
  let active = -1;
  let query = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", `${id}-opt-${i}`);
      list.children[i].scrollIntoView({ block: "nearest" });
    }
  }

  function pick(entity) {
    input.value = entity.label;
    close();
    onPick(entity);
  }

  const search = debounce(async () => {
    const q = input.value.trim();
    const mine = ++query;
    if (!q) {
      items = [];
      close();
      return;
    }
    let page;
    try {
      page = await getJSON("/entities", { q, limit: 8 });
    } catch {
      return;
    }
    if (mine !== query) return;
    items = page.items;
    const folded = q.toLowerCase();
    replace(
      list,
      items.map((e, i) => {
        const alias = e.label.toLowerCase().includes(folded)
          ? null
          : e.aliases.find((a) => a.toLowerCase().includes(folded));
        return h(
          "li",
          { id: `${id}-opt-${i}`, role: "option", "aria-selected": "false", onmousedown: (ev) => { ev.preventDefault(); pick(e); } },
          h("span", {}, e.label),
          alias ? h("span", { class: "muted" }, ` — “${alias}”`) : null,
          h("span", { class: "type" }, e.type),
        );
      }),
    );
    if (!items.length) list.append(h("li", { class: "muted", role: "presentation" }, "No actor has that name"));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = `${items.length} suggestion${items.length === 1 ? "" : "s"}`;
    active = -1;
  }, 180);

  input.addEventListener("input", search);
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && items.length) {
      e.preventDefault();
      if (list.hidden) search();
      highlight(Math.min(items.length - 1, active + 1));
    } else if (e.key === "ArrowUp" && items.length) {
      e.preventDefault();
      highlight(Math.max(0, active - 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (active >= 0 && items[active]) pick(items[active]);
      else if (input.value.trim()) {
        close();
        onPick({ id: null, label: input.value.trim() });
      } else onPick(null);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("search", () => {
    if (!input.value) onPick(null);
  });

  const el = h("div", { class: "combo" }, h("label", { for: id }, label), input, list, status);
  el.input = input;
  return el;
}
