import { Button, Input } from 'antd';
import type { GetProps } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Input.Search whose button has a name in the UI language (AntD's icon says "search"). */
export function SearchBox(props: GetProps<typeof Input.Search>) {
  const { t } = useTranslation();
  return <Input.Search {...props} enterButton={<Button aria-label={t('common.search')} icon={<SearchOutlined />} />} />;
}
