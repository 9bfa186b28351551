import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { KEYWORD_FIELD_NAMES, KEYWORD_FIELDS, type KeywordSource } from '@zj/shared';
import { keywordOrder } from './common';

type KeywordField = (typeof KEYWORD_FIELDS)[number];

/** One keyword of a template as a form row: its key and where its value comes from. */
export interface KeywordRow {
  key: string;
  from: 'field' | 'text';
  field?: KeywordField;
  text?: string;
}

/** Stored keywords (any order) as form rows in the template's order (thing1, time2, …). */
export function keywordRows(keywords: Record<string, KeywordSource>): KeywordRow[] {
  return Object.entries(keywords)
    .sort(([a], [b]) => keywordOrder(a, b))
    .map(([key, s]): KeywordRow => ('text' in s ? { key, from: 'text', text: s.text } : { key, from: 'field', field: s.field }));
}

/** Form rows back into the keyword mapping the API takes; rows without a key are left out. */
export function keywordSources(rows: readonly (KeywordRow | undefined)[] | undefined): Record<string, KeywordSource> {
  const keywords: Record<string, KeywordSource> = {};
  for (const k of rows ?? []) {
    if (!k?.key) continue;
    keywords[k.key.trim()] = k.from === 'text' ? { text: k.text ?? '' } : { field: k.field ?? 'title' };
  }
  return keywords;
}

/** The keyword rows of a form under `path` (['template'] in compose, [] on the template page). */
export function KeywordRowsEditor({ path, testId }: { path: (string | number)[]; testId?: string }) {
  return (
    <Form.List name={[...path, 'keywords']}>
      {(fields, { add, remove }) => (
        <div data-testid={testId}>
          {fields.map((f) => (
            <KeywordRowEditor key={f.key} path={path} index={f.name} onRemove={() => remove(f.name)} />
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', from: 'field', field: 'title' })} disabled={fields.length >= 10}>
            添加关键词
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function KeywordRowEditor({ path, index, onRemove }: { path: (string | number)[]; index: number; onRemove: () => void }) {
  const from = Form.useWatch([...path, 'keywords', index, 'from']) as KeywordRow['from'] | undefined;
  return (
    <div className="zj-keyword-row">
      <Form.Item name={[index, 'key']} rules={[{ required: true, pattern: /^[a-z_]+\d*$/, message: '如 thing1、time2' }]}>
        <Input className="zj-keyword-key" placeholder="关键词，如 thing1" />
      </Form.Item>
      <Form.Item name={[index, 'from']}>
        <Select className="zj-keyword-kind" options={[{ value: 'field', label: '取内容字段' }, { value: 'text', label: '固定文字' }]} />
      </Form.Item>
      {from === 'text' ? (
        <Form.Item name={[index, 'text']} rules={[{ required: true, message: '请填写文字' }]}>
          <Input className="zj-keyword-source" placeholder="固定文字" maxLength={200} />
        </Form.Item>
      ) : (
        <Form.Item name={[index, 'field']}>
          <Select className="zj-keyword-source" options={KEYWORD_FIELDS.map((f) => ({ value: f, label: KEYWORD_FIELD_NAMES[f] }))} />
        </Form.Item>
      )}
      <Button type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label="删除关键词" />
    </div>
  );
}
