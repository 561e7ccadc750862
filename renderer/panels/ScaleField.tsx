// 长/扁字: a story's horizontal scale of its body or 主题 (Placement.type.*.scale) as a choice of
// percentages — below 100 % 长字 (narrower), above 扁字 (wider); 版式 is the template's (100 %).
import { TYPE_LIMITS } from '../../engine/model/story-type';

const CHOICES = [70, 75, 80, 85, 90, 95, 105, 110, 115, 120, 125, 130];

/** The name an editor reads for a scale: 长字 90%, 扁字 110%. */
export function scaleName(pct: number): string {
  return `${pct < 100 ? '长字' : '扁字'} ${pct}%`;
}

export function ScaleField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange(v: number | undefined): void;
}) {
  const pct = value === undefined ? 100 : Math.round(value * 1000) / 10;
  const list = [...new Set([...CHOICES, ...(pct === 100 ? [] : [pct])])].sort((a, b) => a - b);
  return (
    <label className="sel">
      <span>长/扁</span>
      <select
        aria-label={label}
        value={pct === 100 ? '' : String(pct)}
        onChange={(e) => {
          const v = Number(e.target.value) / 100;
          onChange(e.target.value && v >= TYPE_LIMITS.scale[0] && v <= TYPE_LIMITS.scale[1] ? v : undefined);
        }}
      >
        <option value="">版式（100%）</option>
        {list.map((n) => (
          <option key={n} value={String(n)}>
            {scaleName(n)}
          </option>
        ))}
      </select>
    </label>
  );
}
