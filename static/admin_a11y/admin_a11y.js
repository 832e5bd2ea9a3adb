// Accessibility fixes for parts of Wagtail's admin we do not own, without
// forking it (see docs/wagtail-upstream-a11y.md for what belongs upstream).
// Idempotent: it runs at load and again whenever the admin adds elements
// (StreamField blocks, inline forms, date pickers are made on demand).
(function () {
  "use strict";

  // The date-time picker's buttons are empty <button>s (axe: button-name).
  var PICKER_BUTTONS = [
    [".xdsoft_datepicker .xdsoft_prev", "Previous month"],
    [".xdsoft_datepicker .xdsoft_next", "Next month"],
    [".xdsoft_datepicker .xdsoft_today_button", "Go to today"],
    [".xdsoft_timepicker .xdsoft_prev", "Earlier times"],
    [".xdsoft_timepicker .xdsoft_next", "Later times"],
  ];

  function labelPickerButtons(root) {
    PICKER_BUTTONS.forEach(function (pair) {
      root.querySelectorAll(pair[0]).forEach(function (button) {
        if (!button.getAttribute("aria-label") && !button.textContent.trim()) {
          button.setAttribute("aria-label", pair[1]);
        }
      });
    });
  }

  function fieldLabel(editor) {
    var field = editor.closest(".w-field, [data-field]");
    var label = field && field.querySelector("label, .w-field__label");
    if (label) return label;
    // A StreamField block: its heading names it.
    var block = editor.closest("[data-streamfield-child], .w-panel");
    return block && block.querySelector("h2, h3, .w-panel__heading, legend");
  }

  // Draftail's editable area has role="textbox" but no name (axe:
  // aria-input-field-name): name it by the field's own label.
  function nameRichTextEditors(root) {
    root
      .querySelectorAll('[role="textbox"][contenteditable="true"]')
      .forEach(function (editor, index) {
        if (
          editor.getAttribute("aria-label") ||
          editor.getAttribute("aria-labelledby")
        ) {
          return;
        }
        var label = fieldLabel(editor);
        if (label) {
          if (!label.id) label.id = "sb-rich-text-label-" + index;
          editor.setAttribute("aria-labelledby", label.id);
        } else {
          editor.setAttribute("aria-label", "Rich text");
        }
      });
  }

  // A scrolling box with nothing focusable inside cannot be scrolled by
  // keyboard (axe: scrollable-region-focusable): make it focusable.
  var FOCUSABLE =
    'a[href], button, input, select, textarea, [tabindex], [contenteditable="true"]';

  function focusableScrollers(root) {
    root
      .querySelectorAll(".Draftail-Editor *, .w-field__input, .xdsoft_scroller_box")
      .forEach(function (box) {
        if (box.hasAttribute("tabindex") || box.querySelector(FOCUSABLE)) return;
        var style = window.getComputedStyle(box);
        var scrolls =
          /(auto|scroll)/.test(style.overflowY + style.overflowX) &&
          (box.scrollHeight > box.clientHeight ||
            box.scrollWidth > box.clientWidth);
        if (scrolls) {
          box.setAttribute("tabindex", "0");
          if (!box.getAttribute("role")) box.setAttribute("role", "region");
          if (!box.getAttribute("aria-label")) {
            box.setAttribute("aria-label", "Scrollable content");
          }
        }
      });
  }

  function fix(root) {
    labelPickerButtons(root);
    nameRichTextEditors(root);
    focusableScrollers(root);
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix(document);
    });
  }

  function start() {
    fix(document);
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
