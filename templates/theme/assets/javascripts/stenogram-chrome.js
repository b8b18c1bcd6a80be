{#- A template: mkdocs.yml names it in theme.static_templates, so MkDocs renders it once
    for the whole site, from the same configuration and partials as the pages. Every page's
    header loads it (partials/header.html); it does, from one cached file, what Material
    9.8.1 writes into every page:
    - its storage helpers (partials/javascripts/base.html), scoped to the site's root;
    - its configuration (the `config` block of base.html: features, translations, the search
      worker, which is Stenogram's own, templates/assets/search/worker.js);
    - the palette toggle (partials/palette.html), the search button and the search dialog
      (partials/search.html), which work only with scripts anyway;
    - the script that applies the palette a reader chose (partials/javascripts/palette.html);
    - the header's title (partials/header.html), and the back-to-top button (partials/top.html);
    - Stenogram's own fixes to Material (stenogram-theme.js, included at the end).
    Addresses are relative to this file, the site's root "{{ base_url }}" from here; they are
    made absolute from the script's own address, so that they hold on every page and from
    file:// (the offline copy). -#}
{% import "partials/language.html" as lang with context -%}
{% set features = config.theme.features or [] -%}
{% set chrome -%}
  <div class="md-header__title" data-md-component="header-title">
    <div class="md-header__ellipsis">
      <div class="md-header__topic">
        <span class="md-ellipsis">
          {{ config.site_name }}
        </span>
      </div>
      <div class="md-header__topic" data-md-component="header-topic">
        <span class="md-ellipsis"></span>
      </div>
    </div>
  </div>
  {% if config.theme.palette and not config.theme.palette is mapping %}
    {% include "partials/palette.html" %}
  {% endif %}
  {% if "material/search" in config.plugins and config.plugins["material/search"].config.enabled %}
    <label class="md-header__button md-icon" for="__search">
      {% set icon = config.theme.icon.search or "material/magnify" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
    {% include "partials/search.html" %}
  {% endif %}
{%- endset -%}
{#- Material 9.8.1's partials/top.html (which is left empty in this folder). -#}
{% set top -%}
  {% if "navigation.top" in features %}
    <button type="button" class="md-top md-icon" data-md-component="top" hidden>
      {% set icon = config.theme.icon.top or "material/arrow-up" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
      {{ lang.t("top") }}
    </button>
  {% endif %}
{%- endset -%}
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL({{ base_url | tojson }} + "/", script.src);
  var config = {{ {
    "features": features,
    "translations": {
      "clipboard.copy": lang.t("clipboard.copy"),
      "clipboard.copied": lang.t("clipboard.copied"),
      "search.result.placeholder": lang.t("search.result.placeholder"),
      "search.result.none": lang.t("search.result.none"),
      "search.result.one": lang.t("search.result.one"),
      "search.result.other": lang.t("search.result.other"),
      "search.result.more.one": lang.t("search.result.more.one"),
      "search.result.more.other": lang.t("search.result.more.other"),
      "search.result.term.missing": lang.t("search.result.term.missing"),
      "select.version": lang.t("select.version")
    },
    "annotate": config.extra.annotate or none,
    "tags": config.extra.tags or none,
    "version": none
  } | tojson }};
  config.base = root.href;
  config.search = new URL("assets/search/worker.js", root).href;

  /* Material's storage helpers, as its partials/javascripts/base.html writes them, scoped
     to the site's root: a setting (the palette) is kept under the site's path. */
  window.__md_scope = root;
  window.__md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
  window.__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
  window.__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) {} };

  /* Material's bundle reads its configuration from a script element #__config. */
  var element = document.createElement("script");
  element.id = "__config";
  element.type = "application/json";
  element.textContent = JSON.stringify(config);
  document.head.appendChild(element);

  /* The header's title, the palette toggle and the search, where Material's header has them; the back-to-top
     button (fixed on the screen wherever it is) after the header. */
  script.insertAdjacentHTML("beforebegin", {{ chrome | tojson }});
  script.closest("header").insertAdjacentHTML("afterend", {{ top | tojson }});

  /* The page's title, shown in the header once its heading is scrolled past: the heading's
     text, as Material's header has it, set before Material's scripts look at the header. */
  var topic = script.parentNode.querySelector("[data-md-component=header-topic] .md-ellipsis");
  document.addEventListener("DOMContentLoaded", function () {
    var heading = document.querySelector(".md-content h1");
    topic.textContent = heading ? heading.textContent : "";
  });

  /* The palette a reader chose on an earlier page, before the page is drawn. */
  var palette = __md_get("__palette");
  if (palette && palette.color) {
    if (palette.color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector(light ? "[data-md-color-media='(prefers-color-scheme: light)']"
                                               : "[data-md-color-media='(prefers-color-scheme: dark)']");
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    Object.keys(palette.color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, palette.color[key]);
    });
  }
})();

{% include "assets/javascripts/stenogram-theme.js" %}
