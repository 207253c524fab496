import { Link } from 'react-router';
import { LogoMark } from '../../components/icons';

export function Brand() {
  return (
    <Link to="/" className="flex items-center gap-2 rounded-md" aria-label="TensorOne Billing, Overview">
      <LogoMark size={24} />
      <span className="text-[13px] leading-tight font-semibold tracking-tight">
        TensorOne
        <span className="ml-1 font-normal text-muted">Billing</span>
      </span>
    </Link>
  );
}
