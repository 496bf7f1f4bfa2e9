/**
 * Puts every app store back to its first state, with `caseId` open: at start, once the saved
 * case is known, and before each test that renders features (stores are modules, so they
 * outlive a test's render). Pending notices' timers only remove notices that are gone.
 */
import { useNotices } from './notices'
import { useSelection } from './selection'
import { useView } from './view'

/** Resets the selection, view and notices stores; `caseId` is the case to start with. */
export function resetStores(initial: { caseId?: string | undefined } = {}): void {
  useSelection.setState({ ...useSelection.getInitialState(), caseId: initial.caseId })
  useView.setState(useView.getInitialState())
  useNotices.getState().hold(false)
  useNotices.setState(useNotices.getInitialState())
}
