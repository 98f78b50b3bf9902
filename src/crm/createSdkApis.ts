import * as associations from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import * as companies from '@hubspot/api-client/lib/codegen/crm/companies';
import * as contacts from '@hubspot/api-client/lib/codegen/crm/contacts';
import * as deals from '@hubspot/api-client/lib/codegen/crm/deals';
import * as objects from '@hubspot/api-client/lib/codegen/crm/objects';
import * as leads from '@hubspot/api-client/lib/codegen/crm/objects/leads';
import * as pipelines from '@hubspot/api-client/lib/codegen/crm/pipelines';
import * as properties from '@hubspot/api-client/lib/codegen/crm/properties';
import * as schemas from '@hubspot/api-client/lib/codegen/crm/schemas';
import * as users from '@hubspot/api-client/lib/codegen/settings/users';
import * as owners from '@hubspot/api-client/lib/codegen/crm/owners';
import { ApiClientConfigurator } from '@hubspot/api-client/lib/src/configuration/ApiClientConfigurator';
import type { Transport } from './createTransport';

/** What every generated API module of the SDK provides to be configured with our transport. */
interface GeneratedModule<Configuration> {
  ServerConfiguration: new (url: string, variables: Record<string, string>) => unknown;
  Observable: new (promise: Promise<never>) => unknown;
  createConfiguration(parameters: object): Configuration;
  wrapHttpLibrary(library: { send(request: contacts.RequestContext): Promise<contacts.ResponseContext> }): unknown;
  ResponseContext: new (status: number, headers: Record<string, string>, body: contacts.ResponseBody) => contacts.ResponseContext;
}

/**
 * The SDK's generated API classes, configured as `new Client()` configures them (base path, token,
 * its User-Agent header) but sending through `transport`, which the `Client` cannot take. Built
 * without `Client`, they also skip its process-wide retry and limiter decorators: ours apply.
 */
export function createSdkApis({ accessToken, basePath, transport }: { accessToken: string; basePath: string; transport: Transport }) {
  const configure = <C>(module: GeneratedModule<C>): C => {
    const params = ApiClientConfigurator.getParams({ accessToken, basePath }, module.ServerConfiguration, module.Observable, module.Observable);
    const httpApi = module.wrapHttpLibrary({
      async send(request) {
        const body = request.getBody();
        if (body !== undefined && typeof body !== 'string') throw new TypeError('the CRM client sends JSON bodies only');
        const response = await transport({ url: request.getUrl(), method: request.getHttpMethod(), headers: request.getHeaders(), body });
        return new module.ResponseContext(response.status, response.headers, {
          text: async () => response.body.toString('utf8'),
          binary: async () => response.body,
        });
      },
    });
    return module.createConfiguration({ ...params, httpApi });
  };
  const contactsConfig = configure(contacts as unknown as GeneratedModule<contacts.Configuration>);
  const propertiesConfig = configure(properties as unknown as GeneratedModule<properties.Configuration>);
  const dealsConfig = configure(deals as unknown as GeneratedModule<deals.Configuration>);
  const companiesConfig = configure(companies as unknown as GeneratedModule<companies.Configuration>);
  return {
    batch: {
      contacts: new contacts.BatchApi(contactsConfig),
      deals: new deals.BatchApi(dealsConfig),
      companies: new companies.BatchApi(companiesConfig),
      leads: new leads.BatchApi(configure(leads as unknown as GeneratedModule<leads.Configuration>)),
    },
    basic: { deals: new deals.BasicApi(dealsConfig), companies: new companies.BasicApi(companiesConfig) },
    search: { deals: new deals.SearchApi(dealsConfig), companies: new companies.SearchApi(companiesConfig) },
    pipelines: new pipelines.PipelinesApi(configure(pipelines as unknown as GeneratedModule<pipelines.Configuration>)),
    contactsBasic: new contacts.BasicApi(contactsConfig),
    contactsSearch: new contacts.SearchApi(contactsConfig),
    associations: new associations.BatchApi(configure(associations as unknown as GeneratedModule<associations.Configuration>)),
    properties: new properties.CoreApi(propertiesConfig),
    groups: new properties.GroupsApi(propertiesConfig),
    schemas: new schemas.CoreApi(configure(schemas as unknown as GeneratedModule<schemas.Configuration>)),
    objects: (() => {
      const config = configure(objects as unknown as GeneratedModule<objects.Configuration>);
      return { basic: new objects.BasicApi(config), batch: new objects.BatchApi(config) };
    })(),
    users: new users.UsersApi(configure(users as unknown as GeneratedModule<users.Configuration>)),
    owners: new owners.OwnersApi(configure(owners as unknown as GeneratedModule<owners.Configuration>)),
  };
}
