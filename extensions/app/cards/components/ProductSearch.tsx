import { Button, Flex, Input, Table, TableBody, TableCell, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { CatalogItem } from '../api/card-api-schemas.ts';

interface Props {
  disabled: boolean;
  results: CatalogItem[] | null;
  onSearch: (query: string) => void;
  onAdd: (item: CatalogItem) => void;
}

/** Catalog search and "Add" buttons; the list price is the API's string. */
export function ProductSearch({ disabled, results, onSearch, onAdd }: Props) {
  const [query, setQuery] = useState('');
  return (
    <Flex direction="column" gap="small">
      <Flex direction="row" gap="small" align="end">
        <Input
          testId="product-search"
          name="product-search"
          label="Add products"
          placeholder="Name or SKU"
          value={query}
          onChange={setQuery}
        />
        <Button testId="product-search-button" disabled={disabled} onClick={() => onSearch(query)}>
          Search
        </Button>
      </Flex>
      {results !== null && results.length === 0 ? <Text>No products match.</Text> : null}
      {results !== null && results.length > 0 ? (
        <Table bordered={true} density="compact">
          <TableBody>
            {results.map((item) => (
              <TableRow key={item.sku}>
                <TableCell>{`${item.name} (${item.sku})`}</TableCell>
                <TableCell>{item.listPrice ?? 'no price in this currency'}</TableCell>
                <TableCell>
                  <Button
                    testId={`add-${item.sku}`}
                    size="xs"
                    disabled={disabled || item.listPrice === null}
                    onClick={() => onAdd(item)}
                  >
                    Add
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Flex>
  );
}
