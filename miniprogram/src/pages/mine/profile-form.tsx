import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AUDIENCES, DISTRICTS, type Profile } from '@zj/shared';
import { useState } from 'react';
import { toggleAudience } from '../../lib/account';
import { writeDistrict } from '../../lib/district';
import { flag } from '../../lib/flag';
import { errorMessage } from '../../lib/use-resource';
import { userApi } from '../../services/api';
import { withSession } from '../../services/session';

/** 所在地区 and 身份: what pushes are targeted by, saved to the server; the district also becomes this phone's default. */
export function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [draft, setDraft] = useState<Profile>(profile);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const changed = draft.district !== profile.district || draft.audiences.join() !== profile.audiences.join();

  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      const saved = await withSession((token) => userApi.updateProfile(token, draft));
      if (saved.district) writeDistrict(saved.district);
      onSaved(saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="card profile">
      <Text className="field-label profile-label">所在地区</Text>
      {/* Every district in view, one tap each: easier than a picker wheel, above all in 长辈模式. */}
      <View className="filters profile-districts">
        {DISTRICTS.map((d) => (
          <Text
            key={d.code}
            className={`chip chip-line ${draft.district === d.code ? 'chip-on' : ''}`}
            onClick={() => setDraft((p) => ({ ...p, district: p.district === d.code ? null : d.code }))}
          >
            {d.name}
          </Text>
        ))}
      </View>
      <Text className="field-label profile-label">我的身份（可多选）</Text>
      <View className="filters profile-audiences">
        {AUDIENCES.map((a) => (
          <Text key={a.code} className={`chip chip-line ${draft.audiences.includes(a.code) ? 'chip-on' : ''}`} onClick={() => setDraft((d) => ({ ...d, audiences: toggleAudience(d.audiences, a.code) }))}>
            {a.name}
          </Text>
        ))}
      </View>
      {problem ? <Text className="state-message">{problem}</Text> : null}
      <Button className="btn profile-save" loading={flag(saving)} disabled={flag(saving || !changed)} onClick={() => void save()}>
        {changed ? '保存资料' : '资料已保存'}
      </Button>
    </View>
  );
}
