import { ItemList } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { usePagedList } from '../../lib/use-paged-list';
import { api } from '../../services/api';

export default function SubsidyList() {
  const list = usePagedList((cursor) => api.list('subsidy', { cursor }), 'subsidy');
  return (
    <PageShell>
      <ItemList list={list} empty="暂无补贴政策" />
    </PageShell>
  );
}
