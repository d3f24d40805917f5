// Cockpit dashboard plugin "Team workload" (W9: "make sure they like their job"): each agent's and each team's load as
// GET /api/workload counts it, for supervisors and analysts. The "Room" column is where a supervisor sees who can
// take a new case: an agent at capacity (or away) has none, and "Listen to the customer" is not assigned to them.
// Supervisors also mark an agent absent below the table (PUT /api/agents/{user}/absence, docs/api.md).
import {
  appContextPath, ensureStyles, failure, failureText, formatCount, formatDate, getJson, h, loading, show
} from './insights-common.js';

const workloadUrl = () => `${appContextPath()}/api/workload`;
const absenceUrl = (user) => `${appContextPath()}/api/agents/${encodeURIComponent(user)}/absence`;
const SUPERVISORS = 'supervisors';
const ABSENCE_FIELDS = { from: 'From', to: 'Until', handOverTo: 'Hand over to' };

const COUNTS = [
  ['openCases', 'Open cases'],
  ['capacity', 'Capacity'],
  ['room', 'Room'],
  ['callbacksDueToday', 'Callbacks due today'],
  ['overdueTasks', 'Overdue tasks'],
  ['brokenPromisesThisWeek', 'Promises broken this week']
];

const BAD_WHEN_ANY = new Set(['overdueTasks', 'brokenPromisesThisWeek']);

/** A number cell; no room, and anything overdue or broken, is marked for the eye. */
function countCell(row, field) {
  const value = row[field];
  const bad = (field === 'room' && value === 0) || (BAD_WHEN_ANY.has(field) && value > 0);
  return h('td', { class: `ft-number ${bad ? 'ft-bad' : ''}`, 'data-field': field }, formatCount(value));
}

/**
 * A moment in the support team's zone, the zone the form's times are typed in: a supervisor reads back the time
 * they entered, whatever zone their computer is in.
 */
function teamTime(iso, timeZone) {
  const zoned = new Intl.DateTimeFormat(document.documentElement.lang || navigator.language || 'en',
    { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return h('time', { datetime: iso, title: `${new Date(iso).toISOString()} (${timeZone})` },
    zoned.format(new Date(iso)));
}

function absenceText(absence, timeZone) {
  if (!absence) {
    return h('span', { class: 'text-muted' }, 'here');
  }
  return h('span', null, 'away from ', teamTime(absence.from, timeZone), ' until ', teamTime(absence.to, timeZone),
    ', work to ', absence.handOverTo ?? 'the team queue');
}

function agentsTable(workload) {
  return h('table', { class: 'table table-condensed cam-table ft-table ft-workload-agents' },
    h('caption', null, 'Agents'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Agent'),
      h('th', { scope: 'col' }, 'Teams'),
      COUNTS.map(([, label]) => h('th', { scope: 'col', class: 'ft-number' }, label)),
      h('th', { scope: 'col' }, 'Absence'))),
    h('tbody', null, workload.agents.map((agent) => h('tr', { 'data-user': agent.user },
      h('th', { scope: 'row' }, agent.name),
      h('td', null, agent.teams.join(', ')),
      COUNTS.map(([field]) => countCell(agent, field)),
      h('td', { 'data-field': 'absence' }, absenceText(agent.absence, workload.timeZone))))));
}

function teamsTable(workload) {
  return h('table', { class: 'table table-condensed cam-table ft-table ft-workload-teams' },
    h('caption', null, 'Teams: the sums of their agents, and the tasks waiting in their queue'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Team'),
      h('th', { scope: 'col', class: 'ft-number' }, 'Agents'),
      COUNTS.map(([, label]) => h('th', { scope: 'col', class: 'ft-number' }, label)),
      h('th', { scope: 'col', class: 'ft-number' }, 'In the queue'))),
    h('tbody', null, workload.teams.map((team) => h('tr', { 'data-team': team.team },
      h('th', { scope: 'row' }, team.name ?? team.team),
      h('td', { class: 'ft-number' }, formatCount(team.agents.length)),
      COUNTS.map(([field]) => countCell(team, field)),
      h('td', { class: 'ft-number', 'data-field': 'queue' }, formatCount(team.queue))))));
}

// --- marking an agent absent (supervisors) ----------------------------------------------------------------------

/**
 * Whether the signed-in user is a supervisor, asked of the engine with Cockpit's session. Not knowing (the groups
 * are not readable) hides the form; the API decides anyway and refuses anyone else with 403.
 */
async function isSupervisor(api) {
  try {
    const { userId } = await getJson(`${api.adminApi}/auth/user/${encodeURIComponent(api.engine ?? 'default')}`);
    const { count } = await getJson(`${api.engineApi}/group/count`, { id: SUPERVISORS, member: userId });
    return count > 0;
  } catch (unknown) {
    return false;
  }
}

/**
 * The CSRF token of Cockpit's session, as Cockpit sends it with its own requests: from its cookie (current), else
 * the one Cockpit gave the plugin when it rendered it.
 */
function csrfToken(api) {
  const cookie = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : api?.CSRFToken ?? '';
}

/** PUTs the absence with Cockpit's session and its CSRF token; a refusal becomes the API's problem detail. */
async function putAbsence(api, user, absence) {
  let response;
  try {
    response = await fetch(absenceUrl(user), {
      method: 'PUT',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, application/problem+json',
        'X-Requested-With': 'XMLHttpRequest',
        'X-XSRF-TOKEN': csrfToken(api)
      },
      body: JSON.stringify(absence)
    });
  } catch (unreachable) {
    throw { status: 0, problem: null };
  }
  let body = null;
  try {
    body = await response.json();
  } catch (notJson) {
    // an error page: the status says enough
  }
  if (!response.ok) {
    throw { status: response.status, problem: body };
  }
  return body;
}

/** The refusal in words: each field the API named, by its label on the form, or the problem's detail. */
function refusalText(error) {
  const { status, problem } = error ?? {};
  if (status === 400 || status === 404) {
    const fields = (problem?.errors ?? [])
      .map((e) => `${ABSENCE_FIELDS[e.field] ?? e.field} (${e.field}) ${e.message}`);
    return `Not saved. ${fields.length ? `Please correct: ${fields.join('; ')}` : problem?.detail ?? 'The entry was refused.'}`;
  }
  if (status === 403) {
    return `Not saved: ${problem?.detail ?? 'only supervisors mark an agent absent.'}`;
  }
  if (status === 401) {
    return 'Not saved: your session has ended. Sign in again and save once more.';
  }
  return `Not saved: ${failureText(error, 'the absence')}`;
}

function field(id, label, control, hint) {
  return h('div', { class: 'form-group' },
    h('label', { for: id }, label), control, hint ? h('span', { class: 'help-block' }, hint) : null);
}

/** Names of the agents who may take the work: everyone but the absent agent, or the team queue. */
function standInOptions(select, agents, absent) {
  const chosen = select.value;
  select.replaceChildren(h('option', { value: '' }, 'the team queue'),
    ...agents.filter((agent) => agent.user !== absent)
      .map((agent) => h('option', { value: agent.user }, agent.name)));
  select.value = [...select.options].some((option) => option.value === chosen) ? chosen : '';
}

function absenceForm(api, workload, onSaved) {
  const agent = h('select', { id: 'ft-absence-user', name: 'user', class: 'form-control input-sm' },
    workload.agents.map((a) => h('option', { value: a.user }, a.name)));
  const from = h('input', { id: 'ft-absence-from', name: 'from', type: 'datetime-local', required: true,
    class: 'form-control input-sm' });
  const to = h('input', { id: 'ft-absence-to', name: 'to', type: 'datetime-local', required: true,
    class: 'form-control input-sm' });
  const handOverTo = h('select', { id: 'ft-absence-handOverTo', name: 'handOverTo', class: 'form-control input-sm' });
  const outcome = h('div', { class: 'ft-absence-outcome', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, 'Save');
  standInOptions(handOverTo, workload.agents, agent.value);
  agent.addEventListener('change', () => standInOptions(handOverTo, workload.agents, agent.value));

  // The browser checks nothing here (novalidate): the API checks every field and says why, in the same words
  // whether the time is missing, in the past or the wrong way round.
  const form = h('form', { class: 'form-inline ft-filter ft-absence', novalidate: true,
    'aria-labelledby': 'ft-absence-title' },
    h('h3', { id: 'ft-absence-title' }, 'Mark absent'),
    h('p', { class: 'ft-period' }, `Times are the support team's, ${workload.timeZone}, here and in the table. The agent's open tasks due`
      + ' while they are away (all of them once the absence has begun) go to the colleague you name, or to the queue'
      + ' of each case\'s team; callbacks keep the time promised to the customer. Saving a period that overlaps one'
      + ' already entered replaces that one; the others are kept.'),
    field('ft-absence-user', 'Agent', agent),
    field('ft-absence-from', 'From', from),
    field('ft-absence-to', 'Until', to),
    field('ft-absence-handOverTo', 'Hand over to', handOverTo),
    save, outcome);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const control of [from, to, handOverTo]) {
      control.removeAttribute('aria-invalid');
    }
    save.disabled = true;
    show(outcome, h('p', { class: 'ft-loading', role: 'status' }, 'Saving…'));
    putAbsence(api, agent.value, { from: from.value, to: to.value, handOverTo: handOverTo.value || null })
      .then((recorded) => onSaved(recorded, agent.selectedOptions[0]?.textContent ?? agent.value, workload.timeZone))
      .catch((error) => {
        for (const e of error?.problem?.errors ?? []) {
          form.elements.namedItem(e.field)?.setAttribute('aria-invalid', 'true');
        }
        show(outcome, h('p', { class: 'alert alert-danger', role: 'alert' }, refusalText(error)));
      })
      .finally(() => { save.disabled = false; });
  });
  return form;
}

function savedText(recorded, name, timeZone) {
  const handed = recorded.handedOver?.length ?? 0;
  return h('p', { class: 'alert alert-success ft-absence-saved', role: 'status' }, `Saved: ${name} is away from `,
    teamTime(recorded.from, timeZone), ' until ', teamTime(recorded.to, timeZone), `; ${handed} ${handed === 1 ? 'task' : 'tasks'} handed over`
    + ` to ${recorded.handOverTo ?? 'the team queue'}.`);
}

export default {
  id: 'team-workload',
  pluginPoint: 'cockpit.dashboard',
  priority: 9,
  properties: { label: 'Team workload' },

  render(node, { api } = {}) {
    ensureStyles();
    const result = h('div', { class: 'ft-workload-result', 'aria-live': 'polite' });
    show(node, h('div', { class: 'ft-workload', role: 'region', 'aria-labelledby': 'ft-workload-title' },
      h('h2', { id: 'ft-workload-title' }, 'Team workload'), result));
    const supervisor = api ? isSupervisor(api) : Promise.resolve(false);

    const load = (saved) => {
      result.setAttribute('aria-busy', 'true');
      if (!saved) {
        show(result, loading('the team workload'));
      }
      Promise.all([getJson(workloadUrl()), supervisor])
        .then(([workload, mayMarkAbsent]) => show(result,
          h('p', { class: 'ft-period' }, `Today is ${formatDate(workload.day)} (${workload.timeZone}); promises broken`
            + ` since Monday ${formatDate(workload.weekFrom)}, each counted against whoever held the callback.`),
          teamsTable(workload), agentsTable(workload),
          mayMarkAbsent ? absenceForm(api, workload, (recorded, name, zone) => load(savedText(recorded, name, zone))) : null,
          saved))
        .catch((error) => show(result, failure(error, 'the team workload')))
        .finally(() => result.removeAttribute('aria-busy'));
    };
    load(null);
  }
};
