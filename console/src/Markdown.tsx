import ReactMarkdown from 'react-markdown';

/** Markdown as React elements: raw HTML in the text is shown as text, never run (react-markdown's default). */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="zj-markdown" data-testid="markdown-preview">
      {text.trim() === '' ? <span className="zj-muted">（正文为空）</span> : <ReactMarkdown skipHtml>{text}</ReactMarkdown>}
    </div>
  );
}
