/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting;
import dev.mailfort.server.e2e.support.AttachedFile;
import dev.mailfort.server.e2e.support.HeadlessChromium;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.Quarantines;
import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.clamav.Eicar;
import dev.mailfort.testing.dns.DnsmasqZone;
import dev.mailfort.testing.dns.LocalDnsmasq;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/**
 * The admin console in a real browser (headless Chromium) against the whole server: the production pipeline with
 * the real clamd puts an EICAR mail from the Internet in the virus quarantine, and an admin reviews it in the console.
 * For "Release and allow sender", spam from partner.example (SPF and DMARC pass from 127.0.0.1, served by dnsmasq) is
 * held by the pipeline's rspamd scan: the in-session rspamd check, which would refuse it with 550, is taken out.
 */
class ConsoleBrowserTest {
    private static final String DOMAIN = "example.com";
    private static final String ADMIN = "admin@" + DOMAIN;
    private static final String ADMIN_PASSWORD = "Admin-Console-Secret-1";
    private static final String HOSTILE_SUBJECT = "<script>alert(1)</script>";
    private static final AtomicInteger MESSAGE_IDS = new AtomicInteger();

    private static final String PARTNER = "news@partner.example";
    private static final LocalDnsmasq DNS = LocalDnsmasq.start(DnsmasqZone.local("example")
        .txt("partner.example", "v=spf1 ip4:127.0.0.1 -all")
        .txt("_dmarc.partner.example", "v=DMARC1; p=none"));

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension()
        .withConf(conf -> {
            conf.replaceConf("console.properties",
                conf.readConf("console.properties").replaceAll("(?m)^admins=.*$", "admins=" + ADMIN));
            conf.useDnsServer(DNS.host(), DNS.port());
            conf.removeSmtpHandler(CheckSpamBeforeAccepting.class.getName());
        });

    private static WebDriver browser;
    private static InternetSender internet;
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void setUp() {
        server.webAdmin().addDomain(DOMAIN);
        server.webAdmin().addUser(ADMIN, ADMIN_PASSWORD);
        internet = new InternetSender(server);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        DNS.close();
    }

    @Test
    void theAdminTokenOpensTheQuarantinePage() {
        logInWithToken();

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/quarantine"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Quarantine");
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo("token");
        // Not asserted (timing depends on the machine): recorded for the issue's "usable in under 1 s".
        long begin = System.nanoTime();
        browser.get(url("/quarantine"));
        browser.findElement(By.tagName("main"));
        System.out.printf("Console: quarantine page loaded and rendered in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    }

    @Test
    void loggingOutEndsTheSessionOnTheServer() throws Exception {
        logInWithToken();
        String cookie = "mailfort_console=" + browser.manage().getCookieNamed("mailfort_console").getValue();

        clickAndAwaitNextPage(browser.findElement(By.cssSelector("header button.link")));

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/login"));
        HttpResponse<String> withOldCookie = get("/quarantine", cookie);
        assertThat(withOldCookie.statusCode()).isEqualTo(303);
        assertThat(withOldCookie.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        logInWithToken();

        Cookie cookie = browser.manage().getCookieNamed("mailfort_console");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/");
        // What the server sends, attribute by attribute.
        HttpResponse<String> login = post("/login", "username=&password=" + encode(token()), null);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Set-Cookie")).get().asString()
            .startsWith("mailfort_console=").contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/")
            .doesNotContain("Secure");
    }

    @Test
    void anAdminAccountLogsInWithItsMailPassword() {
        logIn(ADMIN, ADMIN_PASSWORD);

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/quarantine"));
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo(ADMIN);
    }

    @Test
    void aWrongPasswordIsRefused() {
        logIn(ADMIN, "not-the-password");

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/login"));
        assertThat(browser.findElement(By.cssSelector("p.error")).getText())
            .isEqualTo("Wrong user name, password or token.");
        assertThat(browser.manage().getCookieNamed("mailfort_console")).isNull();
    }

    @Test
    void aWrongTokenIsRefused() {
        logIn("", token() + "x");

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/login"));
        assertThat(browser.manage().getCookieNamed("mailfort_console")).isNull();
    }

    @Test
    void pagesNeedALogin() throws Exception {
        HttpResponse<String> page = get("/users", null);

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> login = get("/login", null);

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).contains(
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void anEicarMailIsListedWithItsReasonAndVerdict() {
        MailUser bob = MailUser.create(server, "bob", DOMAIN);
        sendEicar(bob, "Your invoice");
        logInWithToken();

        WebElement row = awaitHeldRow(bob);

        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).isEqualTo("virus");
        assertThat(cells.get(1).getText()).contains(Eicar.SIGNATURE_NAME);
        assertThat(cells.get(2).getText()).isEqualTo("mallory@sender.example");
        assertThat(cells.get(3).getText()).isEqualTo(bob.address());
        assertThat(cells.get(4).getText()).isEqualTo("Your invoice");
        assertThat(cells.get(5).getText()).endsWith("UTC");
        assertThat(cells.get(6).getText()).endsWith("KiB");
        HeadlessChromium.screenshot(browser, "quarantine");
    }

    @Test
    void thePreviewShowsAHostileSubjectAsText() {
        MailUser carol = MailUser.create(server, "carol", DOMAIN);
        sendEicar(carol, HOSTILE_SUBJECT);
        logInWithToken();

        clickAndAwaitNextPage(awaitHeldRow(carol).findElement(By.cssSelector("td a")));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Held mail");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Subject\n" + HOSTILE_SUBJECT)
            .contains("Please see the attachment.");
        assertThat(browser.getPageSource()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        HeadlessChromium.screenshot(browser, "preview");
    }

    @Test
    void releaseDeliversTheMailToTheInbox() {
        MailUser dave = MailUser.create(server, "dave", DOMAIN);
        sendEicar(dave, "Test file from the security team");
        logInWithToken();

        clickAndAwaitNextPage(awaitHeldRow(dave).findElement(By.cssSelector("button.release")));

        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).isEqualTo("Released to " + dave.address() + ".");
        MailboxCounts.awaitMessageCount(server, dave, "INBOX", 1);
        assertThat(Quarantines.heldRecipients(server, Quarantines.VIRUS)).doesNotContain(dave.address());
    }

    @Test
    void releaseAndAllowSenderIsOfferedForSpamOnly() {
        MailUser ivan = MailUser.create(server, "ivan", DOMAIN);
        sendEicar(ivan, "A virus, not spam");
        logInWithToken();

        assertThat(awaitHeldRow(ivan).findElements(By.cssSelector("button.allow"))).isEmpty();
    }

    @Test
    void releaseAndAllowSenderDeliversTheSpamAndTheSenderIsListedUntilRemoved() {
        MailUser judy = MailUser.create(server, "judy", DOMAIN);
        internet.send("bounces@partner.example", judy.address(), "From: Partner News <" + PARTNER + ">\n"
            + "To: <" + judy.address() + ">\n"
            + "Subject: Partner offers\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0000\n"
            + "Message-ID: <console-" + MESSAGE_IDS.incrementAndGet() + "@partner.example>\n"
            + "\n"
            + RspamdTestMail.GTUBE + "\n");
        logInWithToken();
        WebElement row = awaitHeldRow(judy);
        assertThat(row.findElements(By.tagName("td")).get(0).getText()).isEqualTo("spam");

        clickAndAwaitNextPage(row.findElement(By.cssSelector("button.allow")));

        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).isEqualTo("Released to "
            + judy.address() + "; " + PARTNER + " is allowed for them from now on.");
        MailboxCounts.awaitMessageCount(server, judy, "INBOX", 1);
        browser.get(url("/allowlist"));
        WebElement entry = browser.findElements(By.cssSelector("tr.allowed")).stream()
            .filter(candidate -> candidate.getText().startsWith(judy.address())).findFirst().orElseThrow();
        assertThat(entry.findElements(By.tagName("td")).get(1).getText()).isEqualTo(PARTNER);
        assertThat(entry.findElements(By.tagName("td")).get(2).getText()).isEqualTo("token");
        HeadlessChromium.screenshot(browser, "allowlist");
        clickAndAwaitNextPage(entry.findElement(By.cssSelector("button.delete")));
        assertThat(browser.findElement(By.cssSelector("p.flash")).getText())
            .isEqualTo(PARTNER + " is no longer allowed for " + judy.address() + ".");
        assertThat(server.webAdmin().get("/allowlist").body()).doesNotContain(judy.address());
    }

    @Test
    void deleteRemovesTheMailFromTheQuarantine() {
        MailUser erin = MailUser.create(server, "erin", DOMAIN);
        sendEicar(erin, "Delete me");
        logInWithToken();

        clickAndAwaitNextPage(awaitHeldRow(erin).findElement(By.cssSelector("button.delete")));

        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).isEqualTo("Deleted.");
        assertThat(Quarantines.heldRecipients(server, Quarantines.VIRUS)).doesNotContain(erin.address());
        browser.get(url("/quarantine?recipient=" + encode(erin.address())));
        assertThat(browser.findElements(By.cssSelector("tr.held"))).isEmpty();
        assertThat(MailboxCounts.messageCount(server, erin, "INBOX").orElse(0)).isZero();
    }

    @Test
    void aUserCreatedInTheConsoleLogsInOverImap() throws Exception {
        String address = "frank-" + MESSAGE_IDS.incrementAndGet() + "@" + DOMAIN;
        String password = "Frank-Console-Secret-1";
        logInWithToken();
        browser.get(url("/users"));

        browser.findElement(By.cssSelector("form.create input[name=username]")).sendKeys(address);
        browser.findElement(By.cssSelector("form.create input[name=password]")).sendKeys(password);
        clickAndAwaitNextPage(browser.findElement(By.id("create-user")));

        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).isEqualTo("User " + address + " created.");
        assertThat(browser.findElement(By.tagName("tbody")).getText()).contains(address);
        HeadlessChromium.screenshot(browser, "users");
        try (Store store = MailClients.imaps(server, address, password)) {
            assertThat(store.isConnected()).isTrue();
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        logInWithToken();
        String cookie = "mailfort_console=" + browser.manage().getCookieNamed("mailfort_console").getValue();

        HttpResponse<String> withoutToken = post("/domains/add", "domain=csrf-victim.example", cookie);
        HttpResponse<String> wrongToken = post("/domains/add", "domain=csrf-victim.example&csrf=forged", cookie);

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(server.webAdmin().get("/domains/csrf-victim.example").status()).isEqualTo(404);
    }

    @Test
    void nothingChangesOnAGet() throws Exception {
        logInWithToken();
        String cookie = "mailfort_console=" + browser.manage().getCookieNamed("mailfort_console").getValue();

        HttpResponse<String> response = get("/domains/add?domain=get-victim.example", cookie);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(server.webAdmin().get("/domains/get-victim.example").status()).isEqualTo(404);
    }

    @Test
    void domainsAreAddedAndRemoved() {
        logInWithToken();
        browser.get(url("/domains"));

        browser.findElement(By.cssSelector("form.create input[name=domain]")).sendKeys("added.example");
        clickAndAwaitNextPage(browser.findElement(By.cssSelector("form.create button")));

        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).isEqualTo("Domain added.example added.");
        assertThat(server.webAdmin().get("/domains/added.example").status()).isEqualTo(204);
        WebElement row = browser.findElements(By.cssSelector("tbody tr")).stream()
            .filter(candidate -> candidate.getText().startsWith("added.example")).findFirst().orElseThrow();
        clickAndAwaitNextPage(row.findElement(By.cssSelector("button.delete")));

        assertThat(browser.findElement(By.cssSelector("p.flash")).getText()).isEqualTo("Domain added.example removed.");
        assertThat(server.webAdmin().get("/domains/added.example").status()).isEqualTo(404);
    }

    @Test
    void theQueuesPageListsTheSpool() {
        logInWithToken();
        browser.get(url("/queues"));

        assertThat(browser.findElement(By.tagName("tbody")).getText()).contains("spool");
        HeadlessChromium.screenshot(browser, "queues");
        clickAndAwaitNextPage(browser.findElement(By.linkText("spool")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mail queue spool");
    }

    @Test
    void theHealthPageShowsJamesHealthChecks() {
        logInWithToken();
        browser.get(url("/health"));

        assertThat(browser.findElement(By.tagName("tbody")).getText()).contains("Cassandra backend");
        HeadlessChromium.screenshot(browser, "health");
    }

    @Test
    void anAliasIsAddedInTheConsole() {
        MailUser grace = MailUser.create(server, "grace", DOMAIN);
        String alias = "sales-" + MESSAGE_IDS.incrementAndGet() + "@" + DOMAIN;
        logInWithToken();
        browser.get(url("/aliases"));

        browser.findElement(By.cssSelector("form.create input[name=source]")).sendKeys(alias);
        browser.findElement(By.cssSelector("form.create input[name=target]")).sendKeys(grace.address());
        clickAndAwaitNextPage(browser.findElement(By.cssSelector("form.create button")));

        assertThat(browser.findElement(By.cssSelector("p.flash")).getText())
            .isEqualTo("Alias " + alias + " -> " + grace.address() + " added.");
        assertThat(server.webAdmin().get("/address/aliases/" + grace.address()).body()).contains(alias);
        HeadlessChromium.screenshot(browser, "aliases");
    }

    private static void logInWithToken() {
        logIn("", token());
        assertThat(browser.getCurrentUrl()).as("logged in with the token").isEqualTo(url("/quarantine"));
    }

    private static void logIn(String username, String password) {
        browser.get(url("/login"));
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        long begin = System.nanoTime();
        clickAndAwaitNextPage(browser.findElement(By.id("login")));
        browser.findElement(By.tagName("h1"));
        System.out.printf("Console: login answered and the next page rendered in %d ms%n",
            (System.nanoTime() - begin) / 1_000_000);
    }

    /** Clicks a link or button and waits until the page it leads to replaced the current one. */
    private static void clickAndAwaitNextPage(WebElement element) {
        WebElement current = browser.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(current));
    }

    /** Reloads the quarantine page, filtered on the recipient, until the mail shows up. */
    private static WebElement awaitHeldRow(MailUser recipient) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).pollInSameThread()
            .until(() -> {
                browser.get(url("/quarantine?recipient=" + encode(recipient.address())));
                return !browser.findElements(By.cssSelector("tr.held")).isEmpty();
            });
        return browser.findElement(By.cssSelector("tr.held"));
    }

    private static void sendEicar(MailUser recipient, String subject) {
        internet.send("mallory@sender.example", recipient.address(),
            "From: Mallory <mallory@sender.example>\n"
                + "To: <" + recipient.address() + ">\n"
                + "Subject: " + subject + "\n"
                + "Date: Thu, 26 Nov 2026 10:00:00 +0000\n"
                + "Message-ID: <console-" + MESSAGE_IDS.incrementAndGet() + "@sender.example>\n"
                + AttachedFile.eicar("Please see the attachment."));
    }

    private static String token() {
        try {
            return Files.readString(server.workingDirectory().root().resolve("var/console/admin-token")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port(8090) + path;
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
