import { useId } from 'react';
import { useNavigate } from 'react-router';
import { RESOURCE_TYPES, type ResourceType, type ResourceTypeId } from '../../../contract/billing';
import { CONTROL_CLASS, Field } from '../../../components/field';
import { resourceLabel } from '../../../lib/colors';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { usageIndexHref, usageTypeHref } from '../usage-links';

const ALL = 'all';

/** Switches the type page to another resource type (or back to all of them), keeping the filters. */
export function TypeSwitcher({
  resourceType,
  filters,
  search,
}: {
  resourceType: ResourceTypeId;
  filters: DashboardFilters;
  search: string;
}) {
  const id = useId();
  const navigate = useNavigate();
  return (
    <Field label="Resource type" htmlFor={id} className="w-48">
      <select
        id={id}
        value={resourceType}
        onChange={(event) => {
          const next = event.target.value;
          void navigate(next === ALL ? usageIndexHref(filters, search) : usageTypeHref(next as ResourceType, filters, search));
        }}
        className={`${CONTROL_CLASS} pr-7`}
      >
        <option value={ALL}>All resource types</option>
        {RESOURCE_TYPES.map((t) => (
          <option key={t} value={t}>
            {resourceLabel(t)}
          </option>
        ))}
      </select>
    </Field>
  );
}
