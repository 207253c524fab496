import { NotBuiltPage } from '../../components/not-built';

export default function TeamsPage() {
  return (
    <NotBuiltPage
      title="Teams"
      plannedFor="Cost by team and user, with each team's resource mix."
    />
  );
}
