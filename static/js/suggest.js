/* Search suggestions: turns the header search box into a WAI-ARIA 1.2 combobox with a
   listbox popup. Progressive enhancement: without JavaScript the form submits as usual. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }
  var input = form.querySelector("input[type=search]");
  if (!input) { return; }
  var english = (document.documentElement.lang || "").indexOf("en") === 0;
  var text = english
    ? { none: "No suggestion", one: "1 suggestion, use the arrow keys", many: " suggestions, use the arrow keys", label: "Suggestions" }
    : { none: "Aucune suggestion", one: "1 suggestion, utilisez les flèches", many: " suggestions, utilisez les flèches", label: "Suggestions" };
  var list = document.createElement("ul");
  var status = document.createElement("p");
  var listId = input.id + "-suggestions";
  var items = [];
  var active = -1;
  var timer = null;
  var lastQuery = "";

  list.id = listId;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", text.label);
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(list);
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index < 0) { input.removeAttribute("aria-activedescendant"); return; }
    input.setAttribute("aria-activedescendant", items[index].id);
    items[index].scrollIntoView({ block: "nearest" });
  }

  function go(item) { if (item) { window.location.href = item.getAttribute("data-url"); } }

  function render(suggestions) {
    list.textContent = "";
    items = suggestions.map(function (suggestion, i) {
      var item = document.createElement("li");
      var kind = document.createElement("span");
      item.id = listId + "-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-url", suggestion.url);
      item.textContent = suggestion.title;
      kind.className = "suggestion-type";
      kind.textContent = " — " + suggestion.type;
      item.appendChild(kind);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { go(item); });
      list.appendChild(item);
      return item;
    });
    active = -1;
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
    status.textContent = items.length === 0 ? text.none : items.length === 1 ? text.one : items.length + text.many;
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (query.length < 2) { render([]); status.textContent = ""; return; }
    var url = form.getAttribute("data-suggest-url") + "?" + new URLSearchParams({ q: query });
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === query) { render(data.suggestions || []); } })
      .catch(function () { render([]); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "Down") {
      if (list.hidden && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      if (items.length) { highlight((active + 1) % items.length); }
      event.preventDefault();
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      if (items.length) { highlight(active <= 0 ? items.length - 1 : active - 1); }
      event.preventDefault();
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      go(items[active]);
    } else if (event.key === "Escape" || event.key === "Esc") {
      if (!list.hidden) { close(); event.preventDefault(); } else { input.value = ""; }
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
}());
