// The edition's output condition in the export dialog: the plant's profile (from the templates
// folder), a registered characterization and the rendering intent of the photos' separation, each
// "as the template says" until set; saved with the edition (autosave's `output`), and what print
// exports and preflight use unless the command line says otherwise (electron/services/pdf/plate.ts).
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { EditionSession } from '../state/session';
import type { EditionOutput } from '../../engine/model/output';
import { RENDERING_INTENTS, type RenderingIntent } from '../../engine/templates/types';

/** Registered characterizations (ICC registry) a newspaper is printed to. */
const CONDITIONS: { name: string; note: string }[] = [
  { name: 'IFRA26', note: '新闻纸冷固轮转（ISO 12647-3:2005）' },
  { name: 'FOGRA39', note: '涂布纸（ISO 12647-2:2004/Amd 1）' },
  { name: 'FOGRA51', note: '涂布纸（ISO 12647-2:2013）' },
  { name: 'FOGRA52', note: '非涂布纸（ISO 12647-2:2013）' },
  { name: 'CGATS21_CRPC5', note: '北美涂布纸' },
];

const INTENTS: Record<RenderingIntent, string> = {
  perceptual: '可感知',
  relative: '相对比色',
  saturation: '饱和度',
  absolute: '绝对比色',
};

export function OutputConditionPicker({ session }: { session: EditionSession }) {
  const [output, setOutput] = useState<EditionOutput>(session.edition.output ?? {});
  const [profiles, setProfiles] = useState<{ file: string; description: string }[]>([]);
  useEffect(() => {
    let live = true;
    api
      .call('colour.outputs', {})
      .then((r) => live && setProfiles(r.profiles))
      .catch(() => live && setProfiles([]));
    return () => {
      live = false;
    };
  }, []);
  const set = <K extends keyof EditionOutput>(key: K, value: EditionOutput[K] | '') => {
    const next = { ...output };
    if (value === '' || value === undefined) delete next[key];
    else next[key] = value as EditionOutput[K];
    setOutput(next);
    session.setOutput(Object.keys(next).length ? next : undefined);
  };
  // A setting the lists no longer offer (a profile removed from the templates folder) stays shown, so it can be changed.
  const kept = (v: string | undefined, list: { value: string; label: string }[]) =>
    v && !list.some((o) => o.value === v) ? [...list, { value: v, label: `${v}（不可用）` }] : list;
  return (
    <fieldset data-testid="output-condition">
      <legend>输出条件（本期）</legend>
      <Choice
        label="特性文件"
        testid="output-profile"
        value={output.profile}
        options={kept(
          output.profile,
          profiles.map((p) => ({ value: p.file, label: `${p.description} (${p.file})` })),
        )}
        onChange={(v) => set('profile', v)}
      />
      <Choice
        label="注册特性"
        testid="output-condition-name"
        value={output.condition}
        options={kept(
          output.condition,
          CONDITIONS.map((c) => ({ value: c.name, label: `${c.name} ${c.note}` })),
        )}
        onChange={(v) => set('condition', v)}
      />
      <Choice
        label="再现意图"
        testid="output-intent"
        value={output.intent}
        options={RENDERING_INTENTS.map((i) => ({ value: i, label: INTENTS[i] }))}
        onChange={(v) => set('intent', v as RenderingIntent | '')}
      />
    </fieldset>
  );
}

/** One setting: "as the template says" (empty) or one of the options. */
function Choice(p: {
  label: string;
  testid: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange(value: string): void;
}) {
  return (
    <label>
      {p.label}{' '}
      <select value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value)} data-testid={p.testid}>
        <option value="">按模板</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
