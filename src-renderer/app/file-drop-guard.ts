// A file or link dropped anywhere on the page would make the window open it in place of Berth.
// No screen takes drops today (uploads and build contexts use pickers); one that does listens on
// its own element, which still receives the drop: the guard only cancels the default at the window.

const OPENABLE = ['Files', 'text/uri-list']

function carriesSomethingToOpen(event: Event): boolean {
  const types = (event as DragEvent).dataTransfer?.types ?? []
  return OPENABLE.some((t) => types.includes(t))
}

/** Cancels, at `target` (the window), the default of every drag of files or links. Returns a disposer. */
export function guardFileDrops(target: EventTarget): () => void {
  const cancel = (event: Event) => {
    if (carriesSomethingToOpen(event)) event.preventDefault()
  }
  target.addEventListener('dragover', cancel)
  target.addEventListener('drop', cancel)
  return () => {
    target.removeEventListener('dragover', cancel)
    target.removeEventListener('drop', cancel)
  }
}
