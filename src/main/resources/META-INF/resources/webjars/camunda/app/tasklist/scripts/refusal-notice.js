/*
 * Follow-Through: the reason for a refused form stays in view.
 *
 * When the server refuses what a person entered (a callback time that has passed, an empty "what will you do next",
 * a reimbursement above their authority), its answer says why. Tasklist 7.24 shows that answer as a red notification
 * over the bottom of the page, where the Complete button is, prefixed with "Cannot submit task form <task id>:".
 * This module shows the reason once instead: without the prefix, at the top of the open task, until the person opens
 * another task or closes it; Tasklist's own notification is closed so that nothing covers the form's buttons.
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
  dismiss(alert);
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

/**
 * Closes Tasklist's notification the way a person would, so that Tasklist forgets it too: with its own close button
 * (the alert widget around it has a hidden one of its own, which does nothing).
 */
function dismiss(alert) {
  const buttons = Array.from(alert.querySelectorAll('button.close'));
  const close = buttons.find(button => (button.getAttribute('ng-click') || '').includes('removeNotification'))
    || buttons.find(button => button.offsetParent !== null);
  if (close) {
    close.click();
  } else {
    alert.style.display = 'none';
  }
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
  // The task view's notification ("danger") fades by itself; the page's ("error", at the bottom, over the buttons)
  // stays until closed.
  document.querySelectorAll('.notifications .alert-danger, .notifications .alert-error').forEach(alert => {
    // Angular fills the text in after the alert appears: it counts once it says something.
    if (!seen.has(alert) && keep(alert)) {
      seen.add(alert);
    }
  });
  place();
}).observe(document.documentElement, {childList: true, subtree: true, characterData: true});

window.addEventListener('hashchange', place);
