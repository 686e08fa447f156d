import { onScopeDispose, readonly, ref, type Ref } from 'vue'

const isVisible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'

/**
 * Whether anyone can see the page: false while the tab or window is hidden (an Electron window
 * that is minimised or hidden reports 'hidden' too). Live figures nobody can see are not worth a
 * stream in main, so their subscriptions follow this.
 */
export function usePageVisible(): Readonly<Ref<boolean>> {
  const visible = ref(isVisible())
  if (typeof document === 'undefined') return readonly(visible)
  const update = () => (visible.value = isVisible())
  document.addEventListener('visibilitychange', update)
  onScopeDispose(() => document.removeEventListener('visibilitychange', update))
  return readonly(visible)
}
