/** The home page: what a resident can do here, in plain words. */
import { numberInWords, RESPONSE_BUSINESS_DAYS } from '../../../domain/records/clocks';
import { CITY } from '../../../shared/city-profile';
import { html } from '../../html';
import { pathOf } from '../../http';
import { sitePage, type PublicPage, type PublicRouter } from '../site-context';

/** The home page reads nothing: it fits in any public Lambda (the site's serves it). */
export const homePage: PublicPage<object> = (ctx) => {
  const to = (path: string) => pathOf(ctx.request, path);
  return sitePage(
    ctx,
    'Home',
    'home',
    html`<h1>${CITY.name}: open data and public records</h1>
      <p class="lead">Find the city's data, ask for public records, and follow up on what you asked.</p>
      <form class="home-search" method="get" action="${to('/datasets')}" role="search">
        <label for="home-keyword">Search the city's datasets</label>
        <span class="hint" id="home-keyword-hint">A word like permits, roads or inspections.</span>
        <div class="form-buttons">
          <input type="search" id="home-keyword" name="keyword" aria-describedby="home-keyword-hint" />
          <button type="submit" class="button">Search</button>
        </div>
      </form>
      <ul class="cards">
        <li>
          <h2><a href="${to('/datasets')}">Browse the city's datasets</a></h2>
          <p>Search by keyword or department, read what each column means, and download the file.</p>
        </li>
        <li>
          <h2><a href="${to('/records/new')}">Ask for public records</a></h2>
          <p>
            Anyone may ask, and you do not have to say why. The city answers within
            ${numberInWords(RESPONSE_BUSINESS_DAYS)} business days (C.G.S. §1-206).
          </p>
        </li>
        <li>
          <h2><a href="${to('/records/archive')}">Read records already released</a></h2>
          <p>Closed requests and the documents the city released to the public.</p>
        </li>
        <li>
          <h2><a href="${to('/report')}">Report a problem</a></h2>
          <p>Personal data published by mistake, a request not answered in time, or misuse of the API.</p>
        </li>
        <li>
          <h2><a href="${to('/api-keys')}">Get an API key</a></h2>
          <p>For developers and journalists who read the data from a program.</p>
        </li>
        <li>
          <h2><a href="${to('/help')}">Help</a></h2>
          <p>Who enforces what, fees for copies, deadlines, and how to appeal.</p>
        </li>
      </ul>`,
  );
};

export function registerHomePage(router: PublicRouter<object>): void {
  router.get('/', homePage);
}
