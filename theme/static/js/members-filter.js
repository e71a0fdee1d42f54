/*
 * Member directory filter: progressive enhancement.
 *
 * Without this script the filter links jump to grouped lists further down
 * the page. With it, the same links become toggle buttons that show only the
 * matching cards (one choice per region, type and topic, combined), and the
 * count above the cards follows, announced to screen readers.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-members-directory]");
  if (!root || !("hidden" in root) || !window.Intl || !Intl.PluralRules) {
    return;
  }
  var cards = Array.prototype.slice.call(root.querySelectorAll("[data-member]"));
  var status = root.querySelector("[data-members-count]");
  var none = root.querySelector("[data-members-none]");
  var reset = root.querySelector("[data-filter-reset]");
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");
  var active = {};
  var buttons = [];

  function matches(card) {
    return Object.keys(active).every(function (dimension) {
      var values = (card.getAttribute("data-" + dimension) || "").split(" ");
      return values.indexOf(active[dimension]) !== -1;
    });
  }

  function update() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card);
      card.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    buttons.forEach(function (button) {
      var on = active[button.dataset.filter] === button.dataset.value;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    var form = plural.select(shown) === "one" ? status.dataset.one : status.dataset.other;
    status.textContent = form.replace("#", String(shown));
    if (none) {
      none.hidden = shown > 0;
    }
    if (reset) {
      reset.hidden = Object.keys(active).length === 0;
    }
  }

  function toggle(dimension, value) {
    if (active[dimension] === value) {
      delete active[dimension];
    } else {
      active[dimension] = value;
    }
    update();
  }

  // Replace each jump link with a toggle button carrying the same label.
  Array.prototype.forEach.call(root.querySelectorAll("a[data-filter]"), function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "member-filter__button";
    button.dataset.filter = link.dataset.filter;
    button.dataset.value = link.dataset.value;
    while (link.firstChild) {
      button.appendChild(link.firstChild);
    }
    button.addEventListener("click", function () {
      toggle(button.dataset.filter, button.dataset.value);
    });
    link.parentNode.replaceChild(button, link);
    buttons.push(button);
  });
  if (reset) {
    reset.addEventListener("click", function () {
      active = {};
      update();
    });
  }
  root.classList.add("members--enhanced");

  // A link to a group (e.g. #region-bay-area) opens the directory filtered.
  var hash = decodeURIComponent(window.location.hash.slice(1));
  buttons.forEach(function (button) {
    if (hash === button.dataset.filter + "-" + button.dataset.value) {
      active[button.dataset.filter] = button.dataset.value;
    }
  });
  update();
})();
