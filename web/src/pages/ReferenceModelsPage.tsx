import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Card, Col, Empty, Row, Skeleton, Tabs, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchBox } from '../components/SearchBox';
import { useReferenceModel, useReferenceModels } from '../api/hooks';
import type { ReferenceNode } from '../api/types';
import { ElementTable } from '../components/ElementTable';
import { ErrorResult } from '../components/ErrorResult';
import { usePageTitle } from '../lib/usePageTitle';
import { findNode } from './ElementPage';

function matches(n: ReferenceNode, needle: string): boolean {
  return `${n.code} ${n.name}`.toLocaleLowerCase('id-ID').includes(needle);
}

/** Keep the nodes that match and their ancestors; all descendants of a match stay. */
function filterTree(nodes: ReferenceNode[], needle: string): ReferenceNode[] {
  if (!needle) return nodes;
  const out: ReferenceNode[] = [];
  for (const n of nodes) {
    if (matches(n, needle)) out.push(n);
    else {
      const kids = filterTree(n.children ?? [], needle);
      if (kids.length) out.push({ ...n, children: kids });
    }
  }
  return out;
}

function toTreeData(nodes: ReferenceNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.code,
    title: `${n.code} ${n.name}`,
    children: n.children?.length ? toTreeData(n.children) : undefined,
  }));
}

function allKeys(nodes: ReferenceNode[], depth = Infinity): string[] {
  if (depth <= 0) return [];
  return nodes.flatMap((n) => (n.children?.length ? [n.code, ...allKeys(n.children, depth - 1)] : []));
}

function ancestors(nodes: ReferenceNode[], code: string, path: string[] = []): string[] | null {
  for (const n of nodes) {
    if (n.code === code) return path;
    const found = ancestors(n.children ?? [], code, [...path, n.code]);
    if (found) return found;
  }
  return null;
}

export default function ReferenceModelsPage() {
  const { model } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const models = useReferenceModels();
  usePageTitle(model ? `${t('refModels.title')} ${model}` : t('refModels.title'));

  if (models.error) return <ErrorResult error={models.error} onRetry={() => void models.refetch()} />;
  const list = models.data?.items ?? [];

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('refModels.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('refModels.intro')}</Typography.Paragraph>
      {models.isLoading ? (
        <Skeleton active />
      ) : !model ? (
        <Row gutter={[16, 16]}>
          {list.map((m) => (
            <Col key={m.model} xs={24} sm={12} lg={8}>
              <Link to={`/reference-models/${m.model}`}>
                <Card hoverable size="small" title={m.model}>
                  {m.name}
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      ) : (
        <>
          <Tabs
            activeKey={model}
            onChange={(m) => navigate(`/reference-models/${m}`)}
            items={list.map((m) => ({ key: m.model, label: m.model }))}
          />
          <ModelView key={model} model={model} />
        </>
      )}
    </div>
  );
}

function ModelView({ model }: { model: string }) {
  const { t } = useTranslation();
  const ref = useReferenceModel(model);
  const [params, setParams] = useSearchParams();
  const selected = params.get('node') ?? undefined;
  const [search, setSearch] = useState('');
  const nodes = ref.data?.items ?? [];
  const needle = search.trim().toLocaleLowerCase('id-ID');
  const filtered = useMemo(() => filterTree(nodes, needle), [nodes, needle]);
  const treeData = useMemo(() => toTreeData(filtered), [filtered]);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const defaultExpanded = useMemo(() => {
    const base = allKeys(nodes, 1);
    const path = selected ? ancestors(nodes, selected) ?? [] : [];
    return [...new Set([...base, ...path])];
  }, [nodes, selected]);
  const expandedKeys = needle ? allKeys(filtered) : expanded ?? defaultExpanded;
  const node = selected ? findNode(nodes, selected) : undefined;

  if (ref.error) return <ErrorResult error={ref.error} onRetry={() => void ref.refetch()} />;
  if (ref.isLoading) return <Skeleton active />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{ref.data?.name ?? model}</h2>}>
          <SearchBox
            aria-label={t('refModels.searchTree')}
            placeholder={t('refModels.searchTree')}
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ marginBottom: 8 }}
          />
          <div style={{ maxHeight: '65vh', overflow: 'auto' }}>
            {treeData.length ? (
              <Tree
                aria-label={ref.data?.name ?? model}
                treeData={treeData}
                selectedKeys={selected ? [selected] : []}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                onSelect={(keys) => {
                  const k = keys[0];
                  const p = new URLSearchParams(params);
                  if (k === undefined) p.delete('node');
                  else p.set('node', String(k));
                  // A new node starts the element list afresh.
                  for (const f of ['q', 'org', 'lifecycle', 'classification', 'sort', 'kind']) p.delete(f);
                  setParams(p, { replace: true });
                }}
                blockNode
              />
            ) : (
              <Empty description={t('common.empty')} />
            )}
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {node ? (
          <Card
            size="small"
            title={
              <h2 style={{ fontSize: 15, margin: 0, whiteSpace: 'normal' }}>
                {t('refModels.elementsOf', { code: `${model}:${node.code}`, name: node.name })}
              </h2>
            }
          >
            {node.description && <Typography.Paragraph type="secondary">{node.description}</Typography.Paragraph>}
            <ElementTable
              key={node.code}
              base={{ ref: `${model}:${node.code}` }}
              exportName={`atlas-${model}-${node.code}`}
              syncUrl
            />
          </Card>
        ) : (
          <Card size="small">
            <Typography.Text type="secondary">{t('refModels.selectNode')}</Typography.Text>
          </Card>
        )}
      </Col>
    </Row>
  );
}
