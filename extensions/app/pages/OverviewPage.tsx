import { Flex, Heading, Text } from '@hubspot/ui-extensions';

/** The app's home page: what the app does and where to start. */
export function OverviewPage() {
  return (
    <Flex direction="column" gap="small">
      <Heading>CPQ Quote-to-Cash</Heading>
      <Text testId="overview-intro">
        Configure and price quotes on the deal record (Configure &amp; Price tab). Settings live under the app in
        Connected apps.
      </Text>
    </Flex>
  );
}
