// Cockpit dashboard plugin "Team workload" (W9: "make sure they like their job"): each agent's and each team's load as
// GET /api/workload counts it, for supervisors and analysts. The "Room" column is where a supervisor sees who can
// take a new case: an agent at capacity (or away) has none, and "Listen to the customer" is not assigned to them.
// Read only: absences are entered with PUT /api/agents/{user}/absence (docs/api.md).
import {
  appContextPath, ensureStyles, failure, formatCount, formatDate, getJson, h, loading, show, time
} from './insights-common.js';

const workloadUrl = () => `${appContextPath()}/api/workload`;

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

function absenceText(absence) {
  if (!absence) {
    return h('span', { class: 'text-muted' }, 'here');
  }
  return h('span', null, 'away from ', time(absence.from), ' until ', time(absence.to), ', work to ',
    absence.handOverTo ?? 'the team queue');
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
      h('td', { 'data-field': 'absence' }, absenceText(agent.absence))))));
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

export default {
  id: 'team-workload',
  pluginPoint: 'cockpit.dashboard',
  priority: 9,
  properties: { label: 'Team workload' },

  render(node) {
    ensureStyles();
    const result = h('div', { class: 'ft-workload-result', 'aria-live': 'polite' });
    show(node, h('div', { class: 'ft-workload', role: 'region', 'aria-labelledby': 'ft-workload-title' },
      h('h2', { id: 'ft-workload-title' }, 'Team workload'), result));
    result.setAttribute('aria-busy', 'true');
    show(result, loading('the team workload'));
    getJson(workloadUrl())
      .then((workload) => show(result,
        h('p', { class: 'ft-period' }, `Today is ${formatDate(workload.day)} (${workload.timeZone}); promises broken`
          + ` since Monday ${formatDate(workload.weekFrom)}, each counted against whoever held the callback.`),
        teamsTable(workload), agentsTable(workload)))
      .catch((error) => show(result, failure(error, 'the team workload')))
      .finally(() => result.removeAttribute('aria-busy'));
  }
};
