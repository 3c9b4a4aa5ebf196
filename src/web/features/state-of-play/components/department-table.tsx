import { useTranslation } from 'react-i18next';
import { ColumnHeaders } from '../../../components/column-headers';
import type { RoundResponse } from '../api/state-of-play-client';

/** Per department: items, answered, overdue, and whether every item is answered. */
export function DepartmentTable({
  departments,
  names,
  labelledBy,
}: {
  departments: RoundResponse['departments'];
  names: Record<string, string>;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="schakel-table-wrap">
      <table className="utrecht-table" id="departments-table" aria-labelledby={labelledBy}>
        <ColumnHeaders
          labels={[
            t('stateOfPlay.columnDepartment'),
            t('stateOfPlay.columnItems'),
            t('stateOfPlay.columnAnswered'),
            t('stateOfPlay.columnOverdue'),
            t('stateOfPlay.columnStatus'),
          ]}
        />
        <tbody className="utrecht-table__body">
          {departments.map((d) => (
            <tr className="utrecht-table__row" key={d.organisation} data-department={d.organisation}>
              <th className="utrecht-table__cell" scope="row">
                {names[d.organisation] ?? d.organisation}
              </th>
              <td className="utrecht-table__cell">{d.items}</td>
              <td className="utrecht-table__cell">{d.answered}</td>
              <td className="utrecht-table__cell">{d.overdue}</td>
              <td className="utrecht-table__cell" data-complete={d.complete}>
                {d.complete ? t('stateOfPlay.complete') : t('stateOfPlay.incomplete')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
