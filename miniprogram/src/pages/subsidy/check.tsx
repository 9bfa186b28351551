import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { EligibilityCheckResponse, SelfCheckQuestion } from '@zj/shared';
import { useState } from 'react';
import { Block, Field } from '../../components/detail-parts';
import { PageShell } from '../../components/page-shell';
import { Loaded } from '../../components/states';
import { flag } from '../../lib/flag';
import { formatDate } from '../../lib/format';
import { prepareAnswers, verdict, type SelfCheckForm } from '../../lib/self-check';
import { errorMessage, useResource } from '../../lib/use-resource';
import { ApiError, api } from '../../services/api';
import './check.css';

async function loadSubsidy(id: number) {
  const item = await api.detail('subsidy', id);
  if (item.kind !== 'subsidy') throw new ApiError('not_found', '没有找到这项补贴');
  return item;
}

function Question({ q, value, onChange }: { q: SelfCheckQuestion; value: SelfCheckForm[string]; onChange: (v: SelfCheckForm[string]) => void }) {
  const label = (
    <Text className="question-label">
      {q.required ? <Text className="required">* </Text> : null}
      {q.label}
    </Text>
  );
  if (q.input === 'number') {
    return (
      <View className={`question question-${q.field}`}>
        {label}
        <Input className="question-input" type="number" value={typeof value === 'string' ? value : ''} placeholder="请输入数字" onInput={(e) => onChange(e.detail.value)} />
      </View>
    );
  }
  if (q.input === 'boolean') {
    return (
      <View className={`question question-${q.field}`}>
        {label}
        <View className="filters">
          {[
            { v: true, name: '是' },
            { v: false, name: '否' },
          ].map((o) => (
            <Text key={o.name} className={`chip ${value === o.v ? 'chip-on' : ''}`} onClick={() => onChange(value === o.v ? undefined : o.v)}>
              {o.name}
            </Text>
          ))}
        </View>
      </View>
    );
  }
  // Every option in view, one tap each: easier than a picker wheel, above all in 长辈模式.
  return (
    <View className={`question question-${q.field}`}>
      {label}
      <View className="filters">
        {(q.options ?? []).map((o) => (
          <Text key={o.code} className={`chip ${value === o.code ? 'chip-on' : ''}`} onClick={() => onChange(value === o.code ? undefined : o.code)}>
            {o.name}
          </Text>
        ))}
      </View>
    </View>
  );
}

function Result({ response }: { response: EligibilityCheckResponse }) {
  const { result } = response;
  const { tone, title } = verdict(result);
  const { opensOn, closesOn } = result.window;
  return (
    <View className={`card check-result check-${tone}`}>
      <Text className="check-title">{title}</Text>
      <Text className="body-text">{result.message}</Text>
      {result.window.state !== 'open' ? (
        <Field label="申请时间">{`${opensOn ? formatDate(opensOn) : ''}至${closesOn ? formatDate(closesOn) : '长期'}`}</Field>
      ) : null}
      {result.failed.length ? (
        <View className="check-list">
          <Text className="check-list-title">不符合的条件</Text>
          {result.failed.map((f) => (
            <View key={f.condition} className="check-failed">
              <Text className="check-condition">✗ {f.condition}</Text>
              <Text className="muted">{f.reason}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {result.missing.length ? (
        <View className="check-list">
          <Text className="check-list-title">还需补充</Text>
          {result.missing.map((m) => (
            <Text key={m.field} className="list-line">
              · {m.question}
            </Text>
          ))}
        </View>
      ) : null}
      {result.passed.length ? (
        <View className="check-list">
          <Text className="check-list-title">已符合的条件</Text>
          {result.passed.map((p) => (
            <Text key={p} className="check-passed">
              ✓ {p}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className="muted">自测结果仅供参考，以经办机构审核为准。</Text>
    </View>
  );
}

/** 资格自测: the subsidy's own questions, checked by the server against its rules and application window. */
export default function SubsidyCheck() {
  const id = Number(useRouter().params.id);
  const { state, reload } = useResource(() => loadSubsidy(id), [id]);
  const [form, setForm] = useState<SelfCheckForm>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [response, setResponse] = useState<EligibilityCheckResponse | null>(null);

  const submit = async (questions: SelfCheckQuestion[]) => {
    const prepared = prepareAnswers(questions, form);
    if (!prepared.ok) {
      setProblems(prepared.problems);
      return;
    }
    setProblems([]);
    setSending(true);
    try {
      setResponse(await api.checkSubsidy(id, prepared.answers));
      void Taro.pageScrollTo({ selector: '.check-result', duration: 200 }).catch(() => undefined);
    } catch (err) {
      setResponse(null);
      setProblems([errorMessage(err)]);
    } finally {
      setSending(false);
    }
  };

  return (
    <PageShell>
      <Loaded state={state} onRetry={() => void reload()}>
        {(item) => (
          <>
            <View className="card">
              <Text className="detail-title">{item.title}</Text>
              <Text className="muted">回答下面几个问题，马上知道您是否符合申请条件。带 * 的为必填。</Text>
            </View>
            {item.questions.length === 0 ? (
              <View className="card">
                <Text className="list-line">这项补贴没有可自测的条件，请对照申领条件或拨打12333咨询。</Text>
              </View>
            ) : (
              <Block title="请回答">
                {item.questions.map((q) => (
                  <Question
                    key={q.field}
                    q={q}
                    value={form[q.field]}
                    onChange={(v) => {
                      setForm((f) => ({ ...f, [q.field]: v }));
                      setResponse(null);
                    }}
                  />
                ))}
                {problems.map((p) => (
                  <Text key={p} className="state-message check-problem">
                    {p}
                  </Text>
                ))}
                <Button className="btn check-submit" loading={flag(sending)} disabled={flag(sending)} onClick={() => void submit(item.questions)}>
                  查看自测结果
                </Button>
              </Block>
            )}
            {response ? <Result response={response} /> : null}
          </>
        )}
      </Loaded>
    </PageShell>
  );
}
