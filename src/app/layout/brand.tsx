import { Link, useLocation } from 'react-router';
import { LogoMark } from '../../components/icons';
import { filterSearch } from '../../url-state/filter-url';

export function Brand() {
  const { search } = useLocation();
  return (
    <Link to={{ pathname: '/', search: filterSearch(search) }} className="flex items-center gap-2 rounded-md" aria-label="TensorOne Billing, Overview">
      <LogoMark size={24} />
      <span className="text-[13px] leading-tight font-semibold tracking-tight">
        TensorOne
        <span className="ml-1 font-normal text-muted">Billing</span>
      </span>
    </Link>
  );
}
