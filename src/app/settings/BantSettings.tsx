/**
 * The app's settings page: the active model as RevOps read it, the same property checks as
 * `bant check` with their fixes, and a contact scored on demand. The model itself is edited in
 * src/models/bant-model.json and deployed with the project; HubSpot offers apps no settings store.
 */
import { Button, Divider, ErrorState, Flex, List, LoadingSpinner, Text, hubspot } from '@hubspot/ui-extensions';
import { CheckResults } from './components/CheckResults';
import { ContactPreview } from './components/ContactPreview';
import { CriterionDetails } from './components/CriterionDetails';
import { GradesAndRouting } from './components/GradesAndRouting';
import { ModelSummary } from './components/ModelSummary';
import { useSettings } from './hooks/useSettings';

export function BantSettings() {
  const page = useSettings();
  const { overview } = page;
  if (overview.status === 'loading' || overview.status === 'idle') return <LoadingSpinner label="Loading the BANT model" layout="centered" testId="bant-settings-loading" />;
  if (overview.status === 'error') {
    return (
      <ErrorState title="The BANT settings could not be loaded" testId="bant-settings-error">
        <Text>{overview.error.message}</Text>
        {overview.error.retryable ? <Button onClick={page.reload} testId="bant-settings-retry">Try again</Button> : null}
      </ErrorState>
    );
  }
  const { model, modelProblems, check } = overview.data;
  if (!model) {
    return (
      <ErrorState title="The deployed BANT model is invalid" testId="bant-model-invalid">
        <Text>Cards and recalculation cannot score until src/models/bant-model.json is fixed and the project uploaded again. Run bant check --offline to see the same list.</Text>
        <List testId="bant-model-problems">
          {modelProblems.map((p) => (
            <Text key={`${p.path}:${p.message}`}>{p.path ? `${p.path}: ${p.message}` : p.message}</Text>
          ))}
        </List>
      </ErrorState>
    );
  }
  return (
    <Flex direction="column" gap="md">
      <ModelSummary model={model} />
      <CheckResults check={check} />
      <Divider />
      {model.criteria.map((criterion) => (
        <CriterionDetails key={criterion.key} criterion={criterion} policy={model.dealSelection.policy} />
      ))}
      <Divider />
      <GradesAndRouting model={model} />
      <Divider />
      <ContactPreview model={model} lookup={page.lookup} onLookup={page.setLookup} onScore={page.scoreContact} preview={page.preview} />
      <Text variant="microcopy">To change a mapping or the points: edit src/models/bant-model.json (or run bant model use &lt;preset&gt;), run npm run build and bant check, then hs project upload.</Text>
    </Flex>
  );
}

hubspot.extend<'settings'>(() => <BantSettings />);
