import { DocumentPage } from '../../components/document-page';

export default function Detail() {
  return <DocumentPage kind="guide" />;
}
