// Cockpit route plugin #/support-case/{reference}: what happened to one support case. The diagram with the steps
// the case passed highlighted (bpmn-js, from the app's jar), a timeline of tasks, messages, promises and decisions,
// and every step as a table. From GET /api/insights/cases/{reference}/timeline and the engine's diagram XML.
// Cockpit Community Edition has no history view of its own; this is read only.
import {
  SUPPORT_CASE, appContextPath, ensureStyles, failure, formatCount, formatMinutes, getJson, h, insightsUrl,
  loading, minutesBetween, outcomeLabel, show, time, words
} from './insights-common.js';

// The version of the org.webjars.npm:bpmn-js dependency in pom.xml.
const BPMN_JS = `${appContextPath()}/webjars/bpmn-js/8.0.0/dist`;

const EVENT_TYPES = {
  task: { label: 'Task', tone: 'ft-kind-task' },
  message: { label: 'Message', tone: 'ft-kind-message' },
  promise: { label: 'Promise', tone: 'ft-kind-promise' },
  decision: { label: 'Decision', tone: 'ft-kind-decision' }
};

/** bpmn-js's navigated viewer, loaded once as a classic script that defines window.BpmnJS. */
let viewerLoaded;
function loadViewer() {
  viewerLoaded ??= new Promise((resolve, reject) => {
    const styles = h('link', { rel: 'stylesheet', href: `${BPMN_JS}/assets/diagram-js.css` });
    const script = h('script', { src: `${BPMN_JS}/bpmn-navigated-viewer.production.min.js` });
    script.addEventListener('load', () => resolve(window.BpmnJS));
    script.addEventListener('error', () => {
      viewerLoaded = undefined;
      reject(new Error('the diagram viewer could not be loaded'));
    });
    document.head.append(styles, script);
  });
  return viewerLoaded;
}

const referenceInRoute = () => decodeURIComponent((window.location.hash.match(/^#\/support-case\/([^/?]+)/) ?? [])[1] ?? '');

// --- the parts of the page -----------------------------------------------------------------------------------------

function breadcrumbs(history, reference) {
  return h('nav', { 'aria-label': 'Breadcrumb' },
    h('ol', { class: 'breadcrumb ft-breadcrumb' },
      h('li', null, h('a', { href: '#/dashboard' }, 'Dashboard')),
      history
        ? h('li', null, h('a', { href: `#/process-definition/${encodeURIComponent(history.processDefinitionId)}/runtime?detailsTab=closed-cases` },
          'Closed cases'))
        : null,
      h('li', { class: 'active', 'aria-current': 'page' }, `Case ${reference}`)));
}

function summary(history, mainSteps) {
  const started = mainSteps.map((a) => a.startedAt).filter(Boolean).sort()[0];
  const open = mainSteps.some((a) => !a.endedAt);
  const ended = open ? null : mainSteps.map((a) => a.endedAt).filter(Boolean).sort().at(-1);
  const at = (iso) => time(iso, { timeZone: history.timeZone });
  return h('dl', { class: 'ft-case-summary' },
    h('div', null, h('dt', null, 'Customer'), h('dd', null, history.customerName)),
    h('div', null, h('dt', null, 'Outcome'), h('dd', { 'data-field': 'outcome' }, open ? 'Still open' : outcomeLabel(history.outcome))),
    h('div', null, h('dt', null, 'Opened'), h('dd', null, at(started))),
    h('div', null, h('dt', null, 'Closed'), h('dd', null, open ? 'not yet' : at(ended))),
    h('div', null, h('dt', null, 'Duration'), h('dd', null, formatMinutes(minutesBetween(started, ended)))),
    h('div', null, h('dt', null, 'Steps'), h('dd', null, formatCount(namedSteps(history.activities).length))));
}

function timeline(events, timeZone) {
  const list = h('ol', { class: 'ft-timeline' }, events.map((event) => {
    const type = EVENT_TYPES[event.type] ?? { label: words(event.type), tone: 'ft-kind-other' };
    return h('li', { class: `ft-event ft-event-${event.type}`, 'data-type': event.type },
      time(event.at, { timeZone }),
      h('span', { class: `label ${type.tone}` }, type.label),
      h('span', { class: 'ft-event-title' }, event.title),
      event.detail ? h('p', { class: 'ft-event-detail' }, event.detail) : null);
  }));
  const types = [...new Set(events.map((event) => event.type))];
  const filter = h('fieldset', { class: 'ft-timeline-filter' },
    h('legend', null, 'Show'),
    types.map((type) => h('label', { class: 'checkbox-inline' },
      h('input', {
        type: 'checkbox', checked: true, value: type,
        onchange: (event) => list.querySelectorAll(`[data-type="${CSS.escape(type)}"]`)
          .forEach((item) => { item.hidden = !event.target.checked; })
      }),
      ` ${(EVENT_TYPES[type]?.label ?? words(type))}s`)));
  return events.length
    ? [filter, list]
    : [h('p', { class: 'text-muted' }, 'Nothing was recorded for this case.')];
}

/**
 * The steps a person reads: those the designer named (an unnamed gateway or technical event is left out, its id is
 * no word), by the name in the model.
 */
const namedSteps = (activities) => activities.filter((a) => a.activityName);

function stepsTable(activities, timeZone) {
  return h('table', { class: 'table table-condensed cam-table ft-table ft-steps' },
    h('caption', null, 'Every step, in the order it started (including the steps of kept promises, and the survey and '
      + 'last-chance call after the case closed)'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Step'),
      h('th', { scope: 'col' }, 'Kind'),
      h('th', { scope: 'col' }, 'Process'),
      h('th', { scope: 'col' }, 'Started'),
      h('th', { scope: 'col' }, 'Ended'),
      h('th', { scope: 'col', class: 'ft-number' }, 'Took'),
      h('th', { scope: 'col' }, 'Done by'))),
    h('tbody', null, namedSteps(activities).map((a) => h('tr', { 'data-activity-id': a.activityId },
      h('th', { scope: 'row' }, a.activityName),
      h('td', null, words(a.activityType)),
      h('td', null, a.processDefinitionKey === SUPPORT_CASE ? 'Support case' : words(a.processDefinitionKey)),
      h('td', null, time(a.startedAt, { timeZone })),
      h('td', null, a.endedAt ? time(a.endedAt, { timeZone }) : 'under way'),
      h('td', { class: 'ft-number' }, formatMinutes(minutesBetween(a.startedAt, a.endedAt))),
      h('td', null, a.assigneeName ?? a.assignee ?? '')))));
}

/** Marks each step the case passed (how often, when more than once) and the steps still under way. */
function highlightPath(viewer, mainSteps) {
  const registry = viewer.get('elementRegistry');
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const passes = new Map();
  for (const step of mainSteps) {
    passes.set(step.activityId, (passes.get(step.activityId) ?? 0) + 1);
    if (!step.endedAt && registry.get(step.activityId)) {
      canvas.addMarker(step.activityId, 'ft-under-way');
    }
  }
  const highlighted = [];
  for (const [activityId, count] of passes) {
    if (!registry.get(activityId)) {
      continue; // e.g. a multi-instance body, which has no shape of its own
    }
    // An expanded sub-process is passed as a whole: its border, not its area, so the steps inside stay readable.
    const scope = registry.get(activityId).businessObject.$instanceOf('bpmn:SubProcess');
    canvas.addMarker(activityId, scope ? 'ft-passed-scope' : 'ft-passed');
    highlighted.push(activityId);
    if (count > 1) {
      overlays.add(activityId, { position: { top: -10, right: 10 },
        html: h('span', { class: 'badge ft-pass-count', title: `passed ${count} times` }, `${count}×`) });
    }
  }
  return highlighted;
}

/** Zooming without a mouse wheel. */
function zoomButtons(currentViewer) {
  const zoom = (step) => {
    const shown = currentViewer();
    if (!shown) {
      return;
    }
    if (step) {
      shown.get('zoomScroll').stepZoom(step);
    } else {
      shown.get('canvas').zoom('fit-viewport');
    }
  };
  return h('div', { class: 'btn-group btn-group-sm ft-zoom', role: 'group', 'aria-label': 'Zoom the diagram' },
    h('button', { type: 'button', class: 'btn btn-default', onclick: () => zoom(1) }, 'Zoom in'),
    h('button', { type: 'button', class: 'btn btn-default', onclick: () => zoom(-1) }, 'Zoom out'),
    h('button', { type: 'button', class: 'btn btn-default', onclick: () => zoom(0) }, 'Whole diagram'));
}

async function drawDiagram(container, api, history, mainSteps) {
  const [BpmnJS, definitionXml] = await Promise.all([loadViewer(),
    getJson(`${api.engineApi}/process-definition/${encodeURIComponent(history.processDefinitionId)}/xml`)]);
  const viewer = new BpmnJS({ container });
  await viewer.importXML(definitionXml.bpmn20Xml);
  const canvas = viewer.get('canvas');
  // As tall as the diagram needs at the page's width, so a wide process is not shrunk into a strip.
  const { width, height } = canvas.viewbox().inner;
  container.style.height = `${Math.round(Math.min(720, Math.max(320, container.clientWidth * (height / width) + 40)))}px`;
  canvas.resized();
  canvas.zoom('fit-viewport');
  const highlighted = highlightPath(viewer, mainSteps);
  container.setAttribute('aria-label', `Diagram of the support case process. Highlighted: the ${highlighted.length} `
    + 'steps this case passed; the table of steps below lists them.');
  return viewer;
}

// --- the plugin ----------------------------------------------------------------------------------------------------

let viewer;

export default {
  id: 'support-case-history',
  pluginPoint: 'cockpit.route',
  priority: 0,
  properties: { path: '/support-case/:reference', label: 'Support case history' },

  render(node, { api }) {
    ensureStyles();
    const reference = referenceInRoute();
    document.title = `Case ${reference} | Camunda Cockpit`;
    const page = h('div', { class: 'ft-case-history' });
    show(node, page);
    show(page, breadcrumbs(null, reference), h('h1', null, `Case ${reference}`), loading(`the history of case ${reference}`));
    getJson(insightsUrl(`/cases/${encodeURIComponent(reference)}/timeline`)).then((history) => {
      const mainSteps = history.activities.filter((a) => a.processDefinitionKey === SUPPORT_CASE);
      const diagram = h('div', { class: 'ft-diagram', role: 'img', 'aria-label': 'Diagram of the support case process' });
      const diagramState = loading('the diagram');
      show(page,
        breadcrumbs(history, reference),
        h('h1', null, `Case ${reference}`),
        summary(history, mainSteps),
        h('p', { class: 'ft-period' },
          `Times are the support team's, ${history.timeZone}, whose days the insights count cases on.`),
        h('section', { 'aria-labelledby': 'ft-path-title' },
          h('h2', { id: 'ft-path-title' }, 'The path the case took'),
          h('p', { class: 'help-block' }, 'Highlighted in green: the steps the case passed, with a count when it passed a '
            + 'step more than once; in blue: steps still under way. Drag to move the diagram, scroll to zoom.'),
          diagramState, zoomButtons(() => viewer), diagram),
        h('section', { 'aria-labelledby': 'ft-timeline-title' },
          h('h2', { id: 'ft-timeline-title' }, 'Timeline'),
          timeline(history.events, history.timeZone)),
        h('section', { 'aria-labelledby': 'ft-steps-title' },
          h('h2', { id: 'ft-steps-title' }, 'Steps'),
          stepsTable(history.activities, history.timeZone)));
      drawDiagram(diagram, api, history, mainSteps)
        .then((drawn) => {
          viewer = drawn;
          diagramState.remove();
        })
        .catch((error) => diagramState.replaceWith(failure(error, 'the diagram')));
    }).catch((error) => {
      show(page, breadcrumbs(null, reference), h('h1', null, `Case ${reference}`),
        failure(error, `history of case ${reference}`));
    });
  },

  unmount() {
    viewer?.destroy();
    viewer = undefined;
  }
};
