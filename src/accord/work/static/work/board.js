// The RACI board, made quicker by keyboard and for several cells at once. Everything here also
// works without JavaScript: the cell editors, the row and column pages (board/bulk/), the fixes.
//
// - Arrow keys move focus between cells (buttons named cell-<task id>-<role key>).
// - R, A, C, I add or remove that letter in the focused cell; N empties it. The change is posted
//   like the cell editor's form, and the row comes back through htmx with its Undo.
// - Shift+click or Shift+Space selects cells; the bar under the board sets their letters at once.
(function () {
  "use strict";

  var LETTERS = ["R", "A", "C", "I"];

  function cells() {
    return Array.prototype.slice.call(document.querySelectorAll(".board .cell-button"));
  }

  function position(button) {
    var cell = button.closest("td");
    var row = cell.parentElement;
    var rowCells = Array.prototype.slice.call(row.querySelectorAll(".cell-button"));
    return { row: row, column: rowCells.indexOf(button) };
  }

  function neighbour(button, key) {
    var here = position(button);
    if (key === "ArrowLeft" || key === "ArrowRight") {
      var inRow = here.row.querySelectorAll(".cell-button");
      return inRow[here.column + (key === "ArrowRight" ? 1 : -1)] || null;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll(".board tr.task-row"));
    var index = rows.indexOf(here.row);
    var step = key === "ArrowDown" ? 1 : -1;
    for (index += step; index >= 0 && index < rows.length; index += step) {
      var found = rows[index].querySelectorAll(".cell-button")[here.column];
      if (found) return found;
    }
    return null;
  }

  function parts(button) {
    // id="cell-<task id>-<role key>"; the role key may contain dashes, the task id does not.
    var rest = button.id.slice("cell-".length);
    var dash = rest.indexOf("-");
    var editor = document.getElementById("edit-" + rest);
    var address = editor ? editor.getAttribute("hx-get") || "" : "";
    var version = (address.match(/version=(\d+)/) || [])[1] || "";
    return { task: rest.slice(0, dash), role: rest.slice(dash + 1), version: version };
  }

  function currentLetters(button) {
    var text = (button.firstChild && button.firstChild.nodeType === 3 ? button.firstChild.nodeValue : "").trim();
    if (text === "N/A") return ["NA"];
    return text.split("/").filter(function (letter) { return LETTERS.indexOf(letter) >= 0; });
  }

  function typeLetter(button, key) {
    var info = parts(button);
    var form = document.getElementById("board-bulk");
    if (!info.version || !form || !window.htmx) return;
    var letters = currentLetters(button).filter(function (letter) { return letter !== "NA"; });
    if (key === "N") {
      letters = [];
    } else if (letters.indexOf(key) >= 0) {
      letters = letters.filter(function (letter) { return letter !== key; });
    } else {
      letters.push(key);
    }
    var values = { task: info.task, role: info.role, version: info.version, letters: letters };
    values.csrfmiddlewaretoken = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var url = form.getAttribute("action").replace(/bulk\/$/, "cell/");
    var id = button.id;
    window.htmx.ajax("POST", url, { values: values, target: "#task-" + info.task, swap: "outerHTML" }).then(function () {
      var again = document.getElementById(id);
      if (again) again.focus();
    });
  }

  // --- Selection and the bulk bar ------------------------------------------------------------

  function selected() {
    return cells().filter(function (button) { return button.getAttribute("aria-pressed") === "true"; });
  }

  function refreshBar() {
    var form = document.getElementById("board-bulk");
    if (!form) return;
    var chosen = selected();
    form.hidden = chosen.length === 0;
    Array.prototype.slice.call(form.querySelectorAll("input[name=cell]")).forEach(function (input) { input.remove(); });
    chosen.forEach(function (button) {
      var info = parts(button);
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "cell";
      input.value = info.task + ":" + info.role + ":" + info.version;
      form.appendChild(input);
    });
    var count = form.querySelector(".bulk-count");
    if (count) count.textContent = (form.dataset.countLabel || "%s").replace("%s", String(chosen.length));
  }

  function toggle(button) {
    var on = button.getAttribute("aria-pressed") === "true";
    button.setAttribute("aria-pressed", on ? "false" : "true");
    refreshBar();
  }

  var anchor = null;

  function selectRange(from, to) {
    var a = position(from);
    var b = position(to);
    var rows = Array.prototype.slice.call(document.querySelectorAll(".board tr.task-row"));
    var first = Math.min(rows.indexOf(a.row), rows.indexOf(b.row));
    var last = Math.max(rows.indexOf(a.row), rows.indexOf(b.row));
    var left = Math.min(a.column, b.column);
    var right = Math.max(a.column, b.column);
    for (var r = first; r <= last; r += 1) {
      var inRow = rows[r].querySelectorAll(".cell-button");
      for (var c = left; c <= right; c += 1) {
        if (inRow[c]) inRow[c].setAttribute("aria-pressed", "true");
      }
    }
    refreshBar();
  }

  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest(".board .cell-button");
      if (!button || !event.shiftKey) return;
      // Shift+click selects instead of opening the cell's editor.
      event.preventDefault();
      event.stopPropagation();
      if (anchor && anchor !== button && document.body.contains(anchor) && selected().length) {
        selectRange(anchor, button);
      } else {
        toggle(button);
      }
      anchor = button;
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest(".board .cell-button");
    if (!button || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.indexOf("Arrow") === 0) {
      var next = neighbour(button, event.key);
      if (next) {
        event.preventDefault();
        next.focus();
      }
      return;
    }
    if (event.key === " " && event.shiftKey) {
      event.preventDefault();
      toggle(button);
      anchor = button;
      return;
    }
    var key = event.key.length === 1 ? event.key.toUpperCase() : "";
    if (LETTERS.indexOf(key) >= 0 || key === "N") {
      event.preventDefault();
      typeLetter(button, key);
    }
  });

  function ready() {
    cells().forEach(function (button) {
      button.setAttribute("aria-keyshortcuts", "R A C I N ArrowUp ArrowDown ArrowLeft ArrowRight Shift+Space");
      if (!button.hasAttribute("aria-pressed")) button.setAttribute("aria-pressed", "false");
    });
    var form = document.getElementById("board-bulk");
    if (!form) return;
    var clear = form.querySelector(".bulk-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        selected().forEach(function (button) { button.setAttribute("aria-pressed", "false"); });
        refreshBar();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", ready);
  document.addEventListener("htmx:afterSettle", ready);
})();
