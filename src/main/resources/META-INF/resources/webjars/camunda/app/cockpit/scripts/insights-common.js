// Shared by Follow-Through's Cockpit plugins (support-insights.js, closed-cases.js, case-history.js): calls to
// our insights API and Cockpit's engine API, numbers and times written for people, and the states every view has
// (loading, empty, refused, failed). Plain DOM: Cockpit 7.14+ plugins render into a node they are given.

export const SUPPORT_CASE = 'SupportCase';

/** The route of a case's history view, a Cockpit route plugin (case-history.js). */
export const caseHistoryHref = (reference) => `#/support-case/${encodeURIComponent(reference)}`;

const LOCALE = document.documentElement.lang || navigator.language || 'en';
const NOT_MEASURED = '–';

// --- where things are ----------------------------------------------------------------------------------------------

/**
 * The app's own root: Cockpit's app root (e.g. "/camunda") without the webapps' path. Our API lives beside the
 * webapps, at "/api" when the app runs at the server's root.
 */
export function appContextPath() {
  const appRoot = document.querySelector('base')?.getAttribute('app-root') ?? '/camunda';
  return appRoot.replace(/\/[^/]*$/, '');
}

export const insightsUrl = (path = '') => `${appContextPath()}/api/insights${path}`;

/** Loads insights.css once, from beside this module. */
export function ensureStyles() {
  if (document.querySelector('link[data-ft-insights]')) {
    return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./insights.css', import.meta.url).href;
  link.dataset.ftInsights = '';
  document.head.append(link);
}

// --- HTTP ----------------------------------------------------------------------------------------------------------

/** A refused or failed request; {@code status} 0 when the server could not be reached. */
export class RequestFailed extends Error {
  constructor(status, problem, url) {
    super(`GET ${url} answered ${status || 'nothing'}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * GETs JSON with Cockpit's session (same origin). Empty parameters are left out. A refusal becomes a
 * {@link RequestFailed} that carries the problem details our API answers with.
 */
export async function getJson(url, params = {}) {
  const query = new URLSearchParams(
    Object.entries(params).filter(([, value]) => value !== null && value !== undefined && value !== '')
  ).toString();
  const target = query ? `${url}?${query}` : url;
  let response;
  try {
    response = await fetch(target, {
      credentials: 'same-origin',
      // X-Requested-With: a 401 after the session ran out comes without a Basic challenge (no browser login box).
      headers: { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' }
    });
  } catch (unreachable) {
    throw new RequestFailed(0, null, target);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (notJson) {
      // an error page, not a problem detail: the status says enough
    }
    throw new RequestFailed(response.status, problem, target);
  }
  return response.json();
}

/** A process definition as the engine knows it (id, key, name, version), read with Cockpit's session. */
export const processDefinition = (api, id) =>
  getJson(`${api.engineApi}/process-definition/${encodeURIComponent(id)}`);

// --- DOM -----------------------------------------------------------------------------------------------------------

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  // Text is always added as text, never as markup: names and notes come from customers and agents.
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : String(child))));
  return element;
}

/** An HTML element: h('td', { class: 'number' }, '42'). */
export const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);

/** An SVG element, for the hand-drawn charts. */
export const svg = (tag, attributes, ...children) =>
  build(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);

/** Replaces what the node shows. */
export function show(node, ...content) {
  node.replaceChildren(...content.flat().filter(Boolean));
}

export const loading = (what) => h('p', { class: 'ft-loading', role: 'status' }, `Loading ${what}…`);

export const note = (text) => h('p', { class: 'alert alert-info', role: 'status' }, text);

/** What went wrong, in words the reader can act on. */
export function failure(error, what) {
  // Not being allowed is no failure: a process designer in Cockpit just has no use for the insights.
  return error?.status === 403
    ? h('p', { class: 'alert alert-info', role: 'status' }, failureText(error, what))
    : h('div', { class: 'alert alert-danger', role: 'alert' }, failureText(error, what));
}

export function failureText(error, what) {
  const status = error?.status;
  if (status === 401) {
    return `Your session has ended. Sign in again to see ${what}.`;
  }
  if (status === 403) {
    return `You may not see ${what}: support insights are for analysts and supervisors. `
      + 'Ask an administrator to add you to one of these groups.';
  }
  if (status === 404) {
    return `There is no ${what}, or you may not see it.`;
  }
  if (status === 400) {
    return `The filter was refused: ${problemDetail(error.problem)}`;
  }
  if (status === 0) {
    return `The server could not be reached to load ${what}. Check the connection and reload the page.`;
  }
  if (status) {
    return `${capitalized(what)} could not be loaded: the server answered ${status}`
      + `${error.problem?.title ? ` (${error.problem.title})` : ''}. `
      + 'Reload the page; if it keeps failing, tell the team that runs Follow-Through.';
  }
  return `${capitalized(what)} could not be shown: ${error?.message ?? error}.`;
}

function problemDetail(problem) {
  if (problem?.errors?.length) {
    return problem.errors.map((e) => `${e.field} ${e.message}`).join('; ');
  }
  return problem?.detail ?? 'a value is not valid.';
}

const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// --- numbers and times ---------------------------------------------------------------------------------------------

const counts = new Intl.NumberFormat(LOCALE);
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percents = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const days = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const momentsIn = new Map();

/** Date and time as read in a zone (the support team's, which the insights count days in); none: the browser's. */
function moments(timeZone) {
  if (!momentsIn.has(timeZone)) {
    momentsIn.set(timeZone, new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone }));
  }
  return momentsIn.get(timeZone);
}

const measured = (value) => value !== null && value !== undefined;

export const formatCount = (value) => (measured(value) ? counts.format(value) : NOT_MEASURED);

export const formatDecimal = (value) => (measured(value) ? oneDecimal.format(value) : NOT_MEASURED);

/** 93.2 → "93.2%"; the API sends percentages as numbers from 0 to 100. */
export const formatPercent = (value) => (measured(value) ? percents.format(value / 100) : NOT_MEASURED);

export function formatMoney(amount, currency) {
  if (!measured(amount)) {
    return NOT_MEASURED;
  }
  return currency
    ? new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(amount)
    : oneDecimal.format(amount);
}

/** Elapsed time, coarse enough to read at a glance: "35 min", "5 h 10 min", "3 d 4 h". */
export function formatMinutes(minutes) {
  if (!measured(minutes)) {
    return NOT_MEASURED;
  }
  const total = Math.round(minutes);
  if (total < 60) {
    return `${total} min`;
  }
  const hours = Math.floor(total / 60);
  const restMinutes = total % 60;
  if (hours < 48) {
    return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`;
  }
  const restHours = hours % 24;
  return restHours ? `${Math.floor(hours / 24)} d ${restHours} h` : `${Math.floor(hours / 24)} d`;
}

/**
 * A moment as a <time> element: readable text in {@code timeZone} (the support team's zone the API names, so that a
 * case closed at 23:30 there reads on the day the insights count it on, wherever the reader's computer is), the
 * exact ISO time and the zone in its tooltip.
 */
export function time(iso, { timeZone } = {}) {
  if (!iso) {
    return h('span', { class: 'text-muted' }, NOT_MEASURED);
  }
  const date = new Date(iso);
  return h('time', { datetime: iso, title: `${date.toISOString()}${timeZone ? ` (${timeZone})` : ''}` },
    moments(timeZone).format(date));
}

/** A day as the API names it ("2026-11-23"), written for the reader. */
export const formatDate = (isoDate) => (isoDate ? days.format(new Date(`${isoDate}T12:00:00`)) : NOT_MEASURED);

export const minutesBetween = (startIso, endIso) =>
  (startIso && endIso ? (new Date(endIso) - new Date(startIso)) / 60000 : null);

// --- words ---------------------------------------------------------------------------------------------------------

const OUTCOMES = {
  solvedAtFirstContact: 'Solved at first contact',
  solvedAfterCallback: 'Solved after a callback',
  solvedBySpecialist: 'Solved by a specialist',
  solvedAfterReopening: 'Solved again after a reopening',
  closedWithoutAnswer: 'Closed without an answer from the customer',
  confirmedByCustomer: 'Confirmed solved by the customer after we stopped waiting',
  cancelled: 'Cancelled'
};

// The stages an open case is in (GET /api/insights, cases.byStage).
const STAGES = {
  opened: 'Opened, not yet heard',
  listening: 'Listening to the customer',
  diagnosing: 'Diagnosing',
  withSpecialist: 'With a specialist',
  promisingCallback: 'Promising a callback',
  callbackPromised: 'Callback promised',
  resolving: 'Resolving',
  awaitingCustomer: 'Waiting for the customer',
  reimbursing: 'Reimbursing',
  closing: 'Closing',
  tracingDiscount: 'Tracing a discount request'
};

export const PLANS = { standard: 'Standard', premium: 'Premium', enterprise: 'Enterprise' };
export const LANGUAGES = { en: 'English', de: 'German' };

/** "solvedAfterCallback" → "Solved after a callback"; an outcome we have no words for is spelled out. */
export const outcomeLabel = (outcome) => OUTCOMES[outcome] ?? words(outcome);

/** "awaitingCustomer" → "Waiting for the customer"; a stage we have no words for is spelled out. */
export const stageLabel = (stage) => STAGES[stage] ?? words(stage);

/** camelCase or kebab-case ids as words; a label that is already words stays as it is. */
export function words(id) {
  if (!id) {
    return NOT_MEASURED;
  }
  if (/\s/.test(id)) {
    return id;
  }
  const spaced = id.replace(/[-_]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
