// Every table in the page can be read at any width: a table that no template has wrapped yet is put in a scrolling
// region (class table-scroll: overflow-x auto), which keyboard users can focus and scroll, named after the table's
// caption or the heading above it. Templates that wrap their tables themselves (role="region") are left as they are.
(function () {
  var script = document.currentScript;
  var fallback = (script && script.dataset.tableLabel) || "Table";
  function labelFor(table) {
    if (table.caption && table.caption.textContent.trim()) return table.caption.textContent.trim();
    var node = table.previousElementSibling;
    while (node) {
      if (/^H[1-6]$/.test(node.tagName) && node.textContent.trim()) return node.textContent.trim();
      node = node.previousElementSibling;
    }
    return fallback;
  }
  var tables = document.querySelectorAll("main table");
  for (var i = 0; i < tables.length; i++) {
    var table = tables[i];
    if (table.closest(".table-scroll")) continue;
    var region = document.createElement("div");
    region.className = "table-scroll";
    region.setAttribute("role", "region");
    region.setAttribute("tabindex", "0");
    region.setAttribute("aria-label", labelFor(table));
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
  }
})();
