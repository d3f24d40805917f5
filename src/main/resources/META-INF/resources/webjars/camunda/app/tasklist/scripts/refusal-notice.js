/*
 * Follow-Through: the reason for a refused form stays in view.
 *
 * When the server refuses what a person entered (a callback time that has passed, an empty "what will you do next",
 * a reimbursement above their authority), its answer says why. Tasklist 7.24 shows that answer as a notification tied
 * to the task view, and takes it away again within half a second. This module keeps the last such reason at the top
 * of the open task, as an alert the person closes, until they open another task.
 */
const REFUSAL_PREFIX = /^Cannot (submit task form|complete task) [^:]+:\s*/;

let notice = null;
let noticeTask = null;
const seen = new WeakSet();

function openTask() {
  const match = /[?&]task=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function keep(alert) {
  const copy = alert.cloneNode(true);
  copy.querySelectorAll('button, .sr-only').forEach(part => part.remove());
  const strong = copy.querySelector('strong');
  const status = strong ? strong.textContent.trim() : 'Not saved';
  if (strong) {
    strong.remove();
  }
  const message = copy.textContent.replace(/\s+/g, ' ').trim().replace(/^:\s*/, '').replace(REFUSAL_PREFIX, '');
  if (!message) {
    return false;
  }
  if (notice) {
    notice.remove();
  }
  notice = document.createElement('div');
  notice.className = 'alert alert-danger ft-refusal';
  notice.setAttribute('role', 'alert');
  // Above the form as it scrolls, opaque, so the reason is read and nothing under it is.
  notice.style.cssText = 'position: sticky; top: 0; z-index: 10; margin: 0 0 12px; background-color: #f2dede;';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', 'Close');
  close.textContent = '×';
  close.addEventListener('click', () => {
    notice.remove();
    notice = null;
  });
  const heading = document.createElement('strong');
  heading.textContent = status.endsWith(':') ? status : status + ':';
  const reason = document.createElement('p');
  reason.className = 'ft-refusal-reason';
  reason.textContent = message;
  notice.append(close, heading, reason);
  noticeTask = openTask();
  return true;
}

function place() {
  if (!notice) {
    return;
  }
  if (openTask() !== noticeTask) {
    notice.remove();
    notice = null;
    return;
  }
  const details = document.querySelector('.task-details');
  if (details && notice.parentElement !== details) {
    details.prepend(notice);
  }
}

new MutationObserver(() => {
  document.querySelectorAll('.notifications .alert-danger').forEach(alert => {
    // Angular fills the text in after the alert appears: it counts once it says something.
    if (!seen.has(alert) && keep(alert)) {
      seen.add(alert);
    }
  });
  place();
}).observe(document.documentElement, {childList: true, subtree: true, characterData: true});

window.addEventListener('hashchange', place);
