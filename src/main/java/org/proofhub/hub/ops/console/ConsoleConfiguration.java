package org.proofhub.hub.ops.console;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The operators' console: pages rendered by the hub itself, a login form with the hub's accounts and a
 * session, Chinese by default and English with {@code ?lang=en}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleConfiguration implements WebMvcConfigurer {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, org.proofhub.hub.account.SecondFactors secondFactors) throws Exception {
        // why a login failed, on the login page; a password an administrator set leads to the page that changes it
        org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler failures =
                new org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler();
        failures.setExceptionMappings(java.util.Map.of(
                org.springframework.security.authentication.LockedException.class.getName(), "/login?locked",
                org.springframework.security.authentication.DisabledException.class.getName(), "/login?disabled",
                org.springframework.security.authentication.CredentialsExpiredException.class.getName(), "/login/password?expired"));
        failures.setDefaultFailureUrl("/login?error");
        http.securityMatcher("/console/**", "/login", "/login/password", SecondFactorStep.PAGE, "/logout")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/login/password", "/console/console.css", "/console/console.js", "/console/fonts/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/console", false).failureHandler(failures).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // the pages load script, style and font from the hub only, run no inline script and are framed by nobody
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY)))
                .exceptionHandling(e -> e.accessDeniedPage("/console/forbidden"))
                // an administrator's session goes no further than the second login step until its code was accepted
                .addFilterBefore(new SecondFactorStep(secondFactors),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver r = new CookieLocaleResolver("hub-lang");
        r.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        r.setCookieMaxAge(Duration.ofDays(365));
        return r;
    }

    /** The console brings its own CJK font (the one proofs embed): a window PC or a test browser may have none. */
    @Override
    public void addResourceHandlers(org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/fonts/**").addResourceLocations("classpath:/fonts/")
                .setCacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofDays(30)));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        registry.addInterceptor(lang).addPathPatterns("/console/**", "/login", "/login/password", SecondFactorStep.PAGE);
    }
}
