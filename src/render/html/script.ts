/**
 * The report's only script: finding filters (severity, area, text), expand/collapse all, and
 * every <details> opened for printing. It reads the page; no repository data is embedded in it,
 * so nothing a scanned repository contains can end up inside a <script> element. Its SHA-256 is
 * allowed by the page's Content-Security-Policy, which blocks every other script and all loads.
 */
export const SCRIPT = `(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');
  var form = document.getElementById('filters');
  var list = document.getElementById('findings-list');
  if (form && list) {
    var items = Array.prototype.slice.call(list.querySelectorAll('.finding'));
    var shown = document.getElementById('shown');
    var empty = document.getElementById('no-match');
    var area = form.querySelector('select[name="area"]');
    var text = form.querySelector('input[name="q"]');
    var sevs = Array.prototype.slice.call(form.querySelectorAll('input[name="sev"]'));
    var apply = function () {
      var allowed = {};
      sevs.forEach(function (box) { if (box.checked) allowed[box.value] = true; });
      var a = area ? area.value : '';
      var q = text ? text.value.trim().toLowerCase() : '';
      var n = 0;
      items.forEach(function (item) {
        var ok = allowed[item.getAttribute('data-sev')] === true &&
          (a === '' || item.getAttribute('data-area') === a) &&
          (q === '' || item.textContent.toLowerCase().indexOf(q) >= 0);
        item.hidden = !ok;
        if (ok) n++;
      });
      if (shown) shown.textContent = String(n);
      if (empty) empty.hidden = n !== 0;
    };
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    var toggle = function (open) {
      return function () { items.forEach(function (item) { if (!item.hidden) item.open = open; }); };
    };
    var expand = document.getElementById('expand-all');
    var collapse = document.getElementById('collapse-all');
    if (expand) expand.addEventListener('click', toggle(true));
    if (collapse) collapse.addEventListener('click', toggle(false));
    apply();
    // A link to a finding (#f-3, from "Blocks launch") shows and opens it.
    var reveal = function () {
      var id = decodeURIComponent(location.hash.slice(1));
      var target = id ? document.getElementById(id) : null;
      if (!target || !target.classList.contains('finding')) return;
      if (target.hidden) { form.reset(); apply(); }
      target.open = true;
      target.scrollIntoView();
    };
    window.addEventListener('hashchange', reveal);
    reveal();
  }
  // Paper shows everything: every <details> opens for printing and closes again afterwards.
  var reopened = [];
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.open = true;
      reopened.push(d);
    });
  });
  window.addEventListener('afterprint', function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
})();`;
