import { useSession } from '../../app/session';
import { canWrite } from '../../app/session-api';
import { Notice } from '../../components/states/notice';

export const READ_ONLY_NOTE_ID = 'budgets-read-only';

/** The signed-in user's role may read budgets but not change them. */
export function useReadOnly(): boolean {
  return !canWrite(useSession());
}

/** Says why the budget controls are disabled (the controls point here with aria-describedby). */
export function ReadOnlyNote() {
  const session = useSession();
  if (canWrite(session)) return null;
  return (
    <div id={READ_ONLY_NOTE_ID}>
      <Notice>
        Your role is {session.role}: you can see budgets but not create, change or delete them. Ask an administrator for the editor role
        to make changes.
      </Notice>
    </div>
  );
}
