// The query editor at /sparql: YASGUI with the example tabs, completion from this graph, names in the reader's language, readable errors.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sparql-examples').textContent);
  var endpoint = location.origin + location.pathname;
  var requestConfig = { endpoint: endpoint, method: 'POST' };
  var Yasqe = Yasgui.Yasqe;
  // The examples name things in one language, set on their `VALUES ?language { "en" }` line: the page's when it is
  // German, else the browser's first choice.
  var first = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  var language = document.documentElement.lang === 'de' || /^de\b/i.test(first) ? 'de' : 'en';

  var termQueries = {
    property: 'SELECT DISTINCT ?term WHERE { ?s ?term ?o }',
    'class': 'SELECT DISTINCT ?term WHERE { ?s a ?term FILTER isIRI(?term) }',
  };
  var terms = {};
  function localTerms(kind) {
    if (!terms[kind]) {
      terms[kind] = fetch(endpoint, {
        method: 'POST',
        headers: { Accept: 'application/sparql-results+json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: termQueries[kind] }),
      })
        .then(function (response) { return response.ok ? response.json() : { results: { bindings: [] } }; })
        .then(function (json) { return json.results.bindings.map(function (row) { return row.term.value; }); })
        .catch(function () { return []; });
    }
    return terms[kind];
  }
  // YASQE completes classes and properties from Linked Open Vocabularies by default; here from this graph's own terms.
  ['property', 'class'].forEach(function (kind) {
    Yasqe.forkAutocompleter(kind, {
      name: kind,
      bulk: false,
      autoShow: true,
      // The token arrives with prefixed names expanded to IRIs (YASQE's preProcessToken).
      get: function (yasqe, token) {
        var start = (token && (token.autocompletionString || token.string)) || '';
        return localTerms(kind).then(function (all) {
          return all.filter(function (iri) { return iri.indexOf(start) === 0; }).slice(0, 100);
        });
      },
    }, false);
  });

  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: requestConfig,
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autoAddOnInit: false,
    // Result tables show `city:berlin`, not the full IRI; the query's own PREFIX lines add to these.
    yasr: { prefixes: config.prefixes },
  });
  config.tabs.forEach(function (tab, i) {
    var query = tab.query.replace(/VALUES \?language \{ "en" \}/g, 'VALUES ?language { "' + language + '" }');
    // "Simple view": values as people read them, without the ^^xsd:integer and @en decorations; long names wrap.
    var yasr = { response: undefined, settings: { selectedPlugin: 'table', pluginsConfig: { table: { compact: true, isEllipsed: false } } } };
    yasgui.addTab(i === 0, { name: tab.name, yasqe: { value: query }, yasr: yasr, requestConfig: requestConfig });
  });

  // YASGUI's tab strip and editor miss a few names and roles that screen readers need; add them after every render.
  var tabsRoot = document.getElementById('yasgui');
  function mend() {
    tabsRoot.querySelectorAll('.tabsList').forEach(function (list) {
      // Only tabs may sit in a tab list: the "new tab" button moves just after it.
      Array.prototype.slice.call(list.children).forEach(function (child) {
        if (!child.classList.contains('tab') && !child.querySelector('[role="tab"]')) list.parentNode.insertBefore(child, list.nextSibling);
      });
    });
    tabsRoot.querySelectorAll('[role="tab"][aria-controls]').forEach(function (tab) {
      if (!document.getElementById(tab.getAttribute('aria-controls'))) tab.removeAttribute('aria-controls');
    });
    tabsRoot.querySelectorAll('.tab input[type="text"]:not([aria-label])').forEach(function (input) { input.setAttribute('aria-label', 'Tab name'); });
    tabsRoot.querySelectorAll('input.autocomplete:not([aria-label])').forEach(function (input) { input.setAttribute('aria-label', 'SPARQL endpoint'); });
    tabsRoot.querySelectorAll('.CodeMirror textarea:not([aria-label])').forEach(function (area) { area.setAttribute('aria-label', 'SPARQL query'); });
    tabsRoot.querySelectorAll('.CodeMirror-scroll:not([tabindex="0"])').forEach(function (scroll) { scroll.setAttribute('tabindex', '0'); });
  }
  mend();
  new MutationObserver(mend).observe(tabsRoot, { childList: true, subtree: true });

  // Errors: the endpoint answers application/problem+json with the line and column; show them in words and mark the spot.
  var box = document.getElementById('query-error');
  var marks = [];
  function clearError() {
    box.hidden = true;
    box.textContent = '';
    marks.forEach(function (clear) { clear(); });
    marks = [];
  }
  function problemOf(error) {
    var text = (error && (error.text || error.message)) || String(error);
    try {
      var problem = JSON.parse(text);
      if (problem && typeof problem === 'object') return problem;
    } catch (e) { /* not JSON: a network failure or a proxy page */ }
    return { title: 'The query could not be run', detail: text };
  }
  function showError(yasqe, error) {
    clearError();
    var problem = problemOf(error);
    var heading = document.createElement('strong');
    heading.textContent = problem.line !== undefined ? 'The query is not valid SPARQL' : problem.title || 'The query could not be run';
    box.appendChild(heading);
    if (problem.line !== undefined) {
      var where = document.createElement('p');
      where.className = 'query-error-where';
      where.textContent = 'Line ' + problem.line + (problem.column !== undefined ? ', column ' + problem.column : '') + ' (marked in the editor).';
      box.appendChild(where);
      var line = problem.line - 1;
      var ch = Math.max(0, (problem.column || 1) - 1);
      var handle = yasqe.addLineClass(line, 'background', 'query-error-line');
      var mark = yasqe.markText({ line: line, ch: ch }, { line: line, ch: ch + 1 }, { className: 'query-error-mark' });
      marks.push(function () { yasqe.removeLineClass(handle, 'background', 'query-error-line'); mark.clear(); });
    }
    var detail = document.createElement('p');
    detail.className = 'query-error-detail';
    detail.textContent = (problem.detail || '').replace(/^The query is not valid SPARQL 1\.1 \([^)]*\): /, '');
    box.appendChild(detail);
    box.hidden = false;
  }
  yasgui.on('queryResponse', function (instance, tab) {
    // YASGUI announces the response before it hands it to the result view: look once that is done.
    setTimeout(function () { afterResponse(tab); }, 0);
  });
  function afterResponse(tab) {
    var yasqe = tab.getYasqe();
    var yasr = tab.getYasr();
    var results = yasr && yasr.results;
    var error = results && results.getError && results.getError();
    if (error) showError(yasqe, error);
    else clearError();
  }
  yasgui.on('query', clearError);
  yasgui.on('tabSelect', clearError);
})();
