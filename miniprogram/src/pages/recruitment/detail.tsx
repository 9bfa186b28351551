import { Text, View } from '@tarojs/components';
import { RECRUITMENT_CATEGORY_NAMES } from '@zj/shared';
import { Countdown } from '../../components/countdown';
import { Block, Field } from '../../components/detail-parts';
import { DetailPage } from '../../components/document-page';
import { formatDate, formatDateTime } from '../../lib/format';
import { openLink } from '../../platform/open-link';

export default function RecruitmentDetail() {
  return (
    <DetailPage
      kind="recruitment"
      bodyTitle="公告全文"
      sections={(item) => {
        const d = item.details;
        return (
          <>
            <Block title="报名">
              <View className="brief-row">
                <Text className={`tag tag-${item.status}`}>{item.statusName}</Text>
                {item.status === 'open' || item.status === 'upcoming' ? <Countdown window={d} /> : null}
              </View>
              <Field label="类别">{RECRUITMENT_CATEGORY_NAMES[d.category]}</Field>
              <Field label="组织单位">{d.organiser}</Field>
              <Field label="报名开始">{formatDateTime(d.registrationOpensAt)}</Field>
              <Field label="报名截止">{formatDateTime(d.registrationClosesAt)}</Field>
              {d.examOn ? <Field label="考试日期">{formatDate(d.examOn)}</Field> : null}
              {d.contact ? <Field label="咨询电话">{d.contact}</Field> : null}
              {d.registrationUrl ? (
                <Text className="list-line link" onClick={() => openLink(d.registrationUrl as string)}>
                  前往报名网站
                </Text>
              ) : null}
            </Block>
            {d.positions.length ? (
              <Block title={`招聘岗位（${d.positions.reduce((n, p) => n + p.count, 0)}人）`}>
                {d.positions.map((p) => (
                  <View key={p.code} className="position">
                    <Text className="position-title">
                      {p.code} {p.title} · {p.count}人
                    </Text>
                    <Text className="muted">
                      {[p.education, p.major, p.ageLimit, p.requirements].filter(Boolean).join('；')}
                    </Text>
                  </View>
                ))}
              </Block>
            ) : null}
          </>
        );
      }}
    />
  );
}
