/* policy-site: the pickers of versions, a small progressive enhancement.
   Without this script every choice is a plain link on the page. The script only shows the
   forms (hidden in the HTML) and follows the links they stand for: every address is read
   from a link the generator wrote (generator/urls.py spells them all), never built here. */
(function () {
  "use strict";

  function show(form, event) {
    form.hidden = false;
    form.addEventListener("submit", event);
    var picker = form.closest(".ps-picker");
    var list = picker && picker.querySelector(".ps-picker__links");
    if (list) {
      list.hidden = true;
    }
  }

  // One select whose options' values are the pages to go to.
  document.querySelectorAll("form[data-ps-go]").forEach(function (form) {
    var select = form.querySelector("select");
    show(form, function (event) {
      event.preventDefault();
      window.location.assign(select.value);
    });
  });

  // Two selects (from, to) that offer only the pairs the page links to.
  document.querySelectorAll("form[data-ps-compare]").forEach(function (form) {
    var pairs = {};
    document.querySelectorAll("a[data-ps-from][data-ps-to]").forEach(function (link) {
      pairs[link.dataset.psFrom + "/" + link.dataset.psTo] = link.getAttribute("href");
    });
    var from = form.querySelector("select[name=from]");
    var to = form.querySelector("select[name=to]");

    function offer() {
      var first = null;
      Array.prototype.forEach.call(to.options, function (option) {
        option.disabled = !pairs[from.value + "/" + option.value];
        if (!option.disabled && first === null) {
          first = option;
        }
      });
      var chosen = to.options[to.selectedIndex];
      if ((!chosen || chosen.disabled) && first !== null) {
        first.selected = true;
      }
    }

    from.addEventListener("change", offer);
    offer();
    show(form, function (event) {
      event.preventDefault();
      var href = pairs[from.value + "/" + to.value];
      if (href) {
        window.location.assign(href);
      }
    });
  });
})();
