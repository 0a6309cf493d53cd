// The explore page in the browser: Cytoscape.js draws the server's layout, filters by kind and network, shows names on hover, opens pages on click.
(function () {
  'use strict';
  var container = document.getElementById('explore-graph');
  var hover = document.getElementById('explore-hover');
  var form = document.getElementById('explore-filters');
  var labels = JSON.parse(document.getElementById('explore-labels').textContent);
  if (!container || typeof cytoscape !== 'function') return;

  fetch(container.getAttribute('data-graph'), { headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) throw new Error('The picture data could not be loaded (' + response.status + ').');
      return response.json();
    })
    .then(draw)
    .catch(function (error) { hover.textContent = error.message; });

  function draw(graph) {
    var degree = {};
    graph.edges.forEach(function (e) { degree[e.source] = (degree[e.source] || 0) + 1; degree[e.target] = (degree[e.target] || 0) + 1; });
    var elements = graph.nodes.map(function (n) {
      return {
        group: 'nodes',
        data: { id: n.id, label: n.label, kind: n.kind, href: n.href, networks: n.networks, size: 12 + Math.min(12, 2 * (degree[n.id] || 0)), hub: (degree[n.id] || 0) >= 4 ? 1 : 0 },
        position: { x: n.x, y: n.y },
      };
    }).concat(graph.edges.map(function (e, i) {
      return { group: 'edges', data: { id: 'e' + i, source: e.source, target: e.target, kind: e.kind } };
    }));
    container.textContent = '';
    var style = [
      { selector: 'node', style: { 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)', 'border-width': 1.5, 'border-color': '#fff', label: '', 'font-size': 10, color: '#1c2230', 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 140 } },
      { selector: 'node[hub = 1], node.hovered', style: { label: 'data(label)' } },
      { selector: 'node.hovered', style: { 'border-color': '#1c2230', 'border-width': 2, 'z-index': 10 } },
      { selector: 'edge', style: { width: 1.4, 'line-color': '#8a94a6', 'curve-style': 'straight', opacity: 0.8 } },
      { selector: 'edge[kind = "partner"]', style: { 'line-color': '#D55E00', width: 1.6 } },
      { selector: 'edge[kind = "funding"]', style: { 'line-color': '#B8860B', 'line-style': 'dashed', width: 1.6 } },
      { selector: 'edge[kind = "part"]', style: { 'line-style': 'dotted' } },
      { selector: '.hidden', style: { display: 'none' } },
    ];
    elements.forEach(function (el) { if (el.group === 'nodes') el.data.colour = labels.colours[el.data.kind]; });
    var cy = cytoscape({ container: container, elements: elements, style: style, layout: { name: 'preset', fit: true, padding: 20 }, wheelSensitivity: 0.3, autoungrabify: true });
    // For people who check the picture against the data (and for the browser tests).
    window.exploreGraph = cy;
    container.setAttribute('data-ready', 'true');

    cy.on('mouseover', 'node', function (event) {
      var node = event.target;
      node.addClass('hovered');
      hover.textContent = node.data('label') + ' · ' + labels.kinds[node.data('kind')];
    });
    cy.on('mouseout', 'node', function (event) {
      event.target.removeClass('hovered');
      hover.textContent = '';
    });
    cy.on('tap', 'node', function (event) {
      location.href = event.target.data('href');
    });

    function applyFilters() {
      var kinds = {};
      form.querySelectorAll('input[name="kind"]').forEach(function (box) { kinds[box.value] = box.checked; });
      var network = form.querySelector('select[name="network"]').value;
      cy.batch(function () {
        cy.nodes().forEach(function (node) {
          var aroundNetwork = !network || node.id() === network || node.data('networks').indexOf(network) >= 0;
          node.toggleClass('hidden', !kinds[node.data('kind')] || !aroundNetwork);
        });
      });
      // By class, not ':visible': the style that hides them is applied on the next frame.
      var visible = cy.nodes().filter(function (node) { return !node.hasClass('hidden'); });
      if (visible.length > 0) cy.fit(visible, 30);
    }
    form.addEventListener('change', applyFilters);
  }
})();
